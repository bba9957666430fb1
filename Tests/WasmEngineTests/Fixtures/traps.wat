;; Functions that trap in each of the ways a guest can.
(module
  (memory 1 2)
  (func $forever (export "recurse_forever") (call $forever))
  (func $depth (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "unreachable") (unreachable))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "swap") (param i64 f64) (result f64 i64) (local.get 1) (local.get 0))
)
