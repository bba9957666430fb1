;; Exceptions thrown by tail callees, for TailCallTests: a tail call leaves its function, so
;; that function's handlers no longer apply and its caller's do. Each tail call below sits in
;; a try_table that would return the payload + 100 had the call not left; the callers catch
;; with the payload + 1000. Built with wasm-tools (build.sh).
(module
  (import "host" "error" (tag $host_error (param i32)))
  (import "host" "throw" (func $host_throw (param i32) (result i32)))
  (tag $e (param i32))

  (func $throw (param $x i32) (result i32)
    (throw $e (local.get $x)))

  (func $tail_to_wasm (export "tail_to_wasm") (param $x i32) (result i32)
    (block $own (result i32)
      (try_table (result i32) (catch $e $own)
        (return_call $throw (local.get $x))))
    (i32.add (i32.const 100)))
  (func $tail_to_host (export "tail_to_host") (param $x i32) (result i32)
    (block $own (result i32)
      (try_table (result i32) (catch $host_error $own)
        (return_call $host_throw (local.get $x))))
    (i32.add (i32.const 100)))

  (func (export "wasm_callee_throws") (param $x i32) (result i32)
    (block $caller (result i32)
      (try_table (result i32) (catch $e $caller)
        (call $tail_to_wasm (local.get $x)))
      (return))
    (i32.add (i32.const 1000)))
  (func (export "host_callee_throws") (param $x i32) (result i32)
    (block $caller (result i32)
      (try_table (result i32) (catch $host_error $caller)
        (call $tail_to_host (local.get $x)))
      (return))
    (i32.add (i32.const 1000)))
)
