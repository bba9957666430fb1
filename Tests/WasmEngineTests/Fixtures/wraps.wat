;; `i32.wrap_i64` folded into what reads it (WrapFoldingTests in WasmEngineTests): Go keeps
;; pointers as i64 and computes each address as wrap(extend(p) + offset). Memory byte k holds
;; k + 1 for the first 8 bytes.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  ;; mem[wrap(extend_u(p) + 0x1_0000_0002)]: the high half of the constant drops out.
  (func (export "go_load") (param $p i32) (result i32)
    (i32.load8_u (i32.wrap_i64 (i64.add (i64.extend_i32_u (local.get $p)) (i64.const 0x1_0000_0002)))))
  ;; mem[wrap(a + b)] = v, with two i64 slots: the sum wraps at 32 bits.
  (func (export "indexed_store") (param $a i64) (param $b i64) (param $v i32)
    (i32.store8 (i32.wrap_i64 (i64.add (local.get $a) (local.get $b))) (local.get $v)))
  ;; A wrapped value that is not an address: computed (low half only).
  (func (export "low_half") (param $x i64) (result i32) (i32.wrap_i64 (local.get $x)))
  (func (export "low_half_of_sum") (param $x i64) (result i32)
    (i32.wrap_i64 (i64.add (local.get $x) (i64.const 0x7fffffff_00000001))))
  ;; The extended value is also kept in a local: the extension stays.
  (func (export "kept") (param $p i32) (result i64)
    (local $t i64)
    (drop (i32.load8_u (i32.wrap_i64 (i64.add (local.tee $t (i64.extend_i32_s (local.get $p))) (i64.const 1)))))
    (local.get $t))
  ;; The local changes before the wrapped value is used: the old value counts.
  (func (export "before_change") (param $p i64) (result i32)
    (i32.add (i32.wrap_i64 (local.get $p))
             (block (result i32) (local.set $p (i64.const 1000)) (i32.const 0))))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
