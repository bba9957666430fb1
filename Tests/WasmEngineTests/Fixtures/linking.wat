;; Imports host functions of several arities and types, a memory, a table and a global from
;; "env", and exports functions that use each; `callback` lets the host call back into the
;; guest, which `double` serves.
(module
  (import "env" "none" (func $none))
  (import "env" "i32" (func $i32 (param i32) (result i32)))
  (import "env" "i64" (func $i64 (param i64 i64) (result i64)))
  (import "env" "f32" (func $f32 (param f32 f32 f32) (result f32)))
  (import "env" "f64" (func $f64 (param f64) (result f64)))
  (import "env" "eight" (func $eight (param i32 i64 f32 f64 i32 i64 f32 f64) (result f64)))
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "callback" (func $callback (param i32) (result i32)))
  (import "env" "memory" (memory 1))
  (import "env" "table" (table 2 funcref))
  (import "env" "base" (global $base i32))
  (func (export "call_none") (call $none))
  (func (export "call_i32") (param i32) (result i32) (call $i32 (local.get 0)))
  (func (export "call_i64") (param i64 i64) (result i64) (call $i64 (local.get 0) (local.get 1)))
  (func (export "call_f32") (param f32 f32 f32) (result f32)
    (call $f32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "call_f64") (param f64) (result f64) (call $f64 (local.get 0)))
  (func (export "call_eight") (result f64)
    (call $eight (i32.const -1) (i64.const 0x123456789) (f32.const 2.5) (f64.const -0.125)
                 (i32.const 7) (i64.const -3) (f32.const 1e10) (f64.const 1e-300)))
  ;; Writes "hi" at 16 and logs it.
  (func (export "call_log")
    (i32.store16 (i32.const 16) (i32.const 0x6968))
    (call $log (i32.const 16) (i32.const 2)))
  (func (export "call_callback") (param i32) (result i32)
    (i32.add (call $callback (local.get 0)) (i32.const 1)))
  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  ;; Calls $i32 `n` times, feeding each result into the next call.
  (func (export "loop_i32") (param $n i32) (result i32) (local $value i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $value (call $i32 (local.get $value)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $value))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "base") (result i32) (global.get $base))
  ;; Grows the imported table by 3; returns the old size.
  (func (export "grow_table") (result i32) (table.grow (ref.null func) (i32.const 3)))
  (export "memory" (memory 0))
)
