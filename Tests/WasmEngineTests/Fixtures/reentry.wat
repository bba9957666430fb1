;; A guest that calls the host, which calls back into the guest while the first call's
;; frame is live: `outer` keeps a local across the host call, `inner` writes its own.
(module
  (import "env" "callback" (func $callback (param i32) (result i32)))
  (func (export "outer") (param i32) (result i32) (local i32)
    (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
    (i32.add (call $callback (local.get 0)) (local.get 1)))
  (func (export "inner") (param i32 i32) (result i32) (local i32 i32)
    (local.set 2 (i32.const 1000))
    (local.set 3 (i32.const 2000))
    (i32.add (local.get 0) (local.get 1)))
)
