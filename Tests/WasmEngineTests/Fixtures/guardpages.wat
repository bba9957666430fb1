;; Accesses at and past the end of memory, which the engine catches by bounds checks or, under
;; guard pages, by the faults they cause (GuardPageTests).
(module
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1 3)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  ;; The farthest an access can reach: a 32-bit address plus a 32-bit offset.
  (func (export "load_far") (param i32) (result i64) (i64.load offset=4294967295 (local.get 0)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "store128") (param i32) (v128.store (local.get 0) (v128.const i64x2 -1 -1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  ;; Two loads, one superinstruction: the pointer at `p` is followed.
  (func (export "chase") (param i32) (result i32) (i32.load8_u (i32.load (local.get 0))))
  ;; Calls the host, which may call this instance again, and goes on with what it returns.
  (func (export "through_host") (param i32) (result i32) (i32.add (call $reenter (local.get 0)) (i32.const 1)))
)
