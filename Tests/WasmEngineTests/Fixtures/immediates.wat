;; Constants that never take a `const` instruction (ImmediateOperandTests in WasmEngineTests): a
;; constant left operand of an operation that is not commutative (its "_imm_left" form), of a
;; comparison (mirrored: `c < x` is `x > c`), a store's constant value (its "_imm" forms), and
;; two constants in a row (one `const2`).
(module
  (memory 1)
  (func (export "sub_from") (param i32) (result i32) (i32.sub (i32.const 100) (local.get 0)))
  (func (export "shl_one") (param i32) (result i32) (i32.shl (i32.const 1) (local.get 0)))
  (func (export "div_into") (param i32) (result i32) (i32.div_s (i32.const -7) (local.get 0)))
  (func (export "rotl_wide") (param i64) (result i64) (i64.rotl (i64.const 0x8000000000000001) (local.get 0)))
  (func (export "one_minus") (param f32) (result f32) (f32.sub (f32.const 1) (local.get 0)))
  (func (export "min_of") (param f64) (result f64) (f64.min (f64.const -0) (local.get 0)))
  ;; Comparisons with the constant on the left, as values and as branch conditions.
  (func (export "ten_below") (param i32) (result i32) (i32.lt_s (i32.const 10) (local.get 0)))
  (func (export "wide_at_least") (param i64) (result i32) (i64.ge_u (i64.const 5) (local.get 0)))
  (func (export "float_below") (param f64) (result i32) (f64.lt (f64.const 2.5) (local.get 0)))
  (func (export "branch_below") (param i32) (result i32)
    (if (result i32) (i32.lt_u (i32.const 10) (local.get 0)) (then (i32.const 1)) (else (i32.const 0))))
  ;; Stores of constants at address $a: plain, plus a constant, plus a slot, and absolute.
  (func (export "store_plain") (param $a i32)
    (i32.store (local.get $a) (i32.const 0x11223344))
    (i32.store8 offset=4 (local.get $a) (i32.const 0x1ff))
    (i64.store offset=8 (local.get $a) (i64.const 0x0102030405060708))
    (i64.store32 offset=16 (local.get $a) (i64.const 0x7fffffff_a0b0c0d0))
    (f32.store offset=20 (local.get $a) (f32.const -1.5))
    (f64.store offset=24 (local.get $a) (f64.const nan:0x4000000000001)))
  (func (export "store_plus") (param $a i32)
    (i32.store16 (i32.add (local.get $a) (i32.const 2)) (i32.const 0xabcd))
    (i64.store (i32.add (local.get $a) (i32.const 8)) (i64.const -2)))
  (func (export "store_indexed") (param $a i32) (param $i i32)
    (i64.store16 (i32.add (local.get $a) (local.get $i)) (i64.const 0x1234))
    (f64.store offset=8 (i32.add (local.get $a) (local.get $i)) (f64.const 0.25)))
  (func (export "store_absolute")
    (i32.store offset=4 (i32.const 60000) (i32.const 77))
    (i64.store (i32.const 60016) (i64.const 0x7766554433221100)))
  (func (export "store_past_end") (param $a i32)
    (i64.store (local.get $a) (i64.const 1)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  ;; Two constants in a row: `select` between them.
  (func (export "pick") (param i32) (result i64)
    (select (i64.const 0x1_0000_0002) (i64.const -3) (local.get 0))))
