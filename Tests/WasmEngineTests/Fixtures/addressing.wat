;; Loads and stores whose address is folded into the access: an `i32.add` of two slots (the
;; "_indexed" forms) and of a constant (the "_plus" forms). Memory byte k holds k + 1 (set by the
;; active data segment for the first 8 bytes).
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  ;; mem[(base + index) mod 2^32 + 1]
  (func (export "indexed") (param $base i32) (param $index i32) (result i32)
    (i32.load8_u offset=1 (i32.add (local.get $base) (local.get $index))))
  ;; mem[(base + 5) mod 2^32 + 1]
  (func (export "plus") (param $base i32) (result i32)
    (i32.load8_u offset=1 (i32.add (local.get $base) (i32.const 5))))
  ;; The sum is also kept in a local (local.tee), so the add must stay.
  (func (export "kept") (param $base i32) (param $index i32) (result i32)
    (local $sum i32)
    (i32.add
      (i32.load8_u (local.tee $sum (i32.add (local.get $base) (local.get $index))))
      (local.get $sum)))
  ;; mem[(base + index) mod 2^32 + 1] = value
  (func (export "store_indexed") (param $base i32) (param $index i32) (param $value i32)
    (i32.store8 offset=1 (i32.add (local.get $base) (local.get $index)) (local.get $value)))
  ;; Constant addresses (C globals), the "_absolute" forms: mem[3 + 2], and mem[1 + 6] = value.
  (func (export "absolute_load") (result i32)
    (i32.load8_u offset=2 (i32.const 3)))
  (func (export "absolute_store") (param $value i32)
    (i32.store8 offset=6 (i32.const 1) (local.get $value)))
  ;; 2^32 - 1 + 10 does not wrap to 9: it is past the end of memory.
  (func (export "absolute_past_end") (result i32)
    (i32.load8_u offset=10 (i32.const -1)))
  ;; Eight bytes at (base + 5) mod 2^32 + 3: the code holds where the access ends (offset + 8).
  (func (export "plus_wide") (param $base i32) (result i64)
    (i64.load offset=3 (i32.add (local.get $base) (i32.const 5))))
  (func (export "store_plus_wide") (param $base i32) (param $value i64)
    (i64.store offset=3 (i32.add (local.get $base) (i32.const 5)) (local.get $value)))
  ;; The largest offset: its end (offset + size) does not fit the 32 bits a folded form has.
  (func (export "plus_largest_offset") (param $base i32) (result i32)
    (i32.load offset=4294967295 (i32.add (local.get $base) (i32.const 1))))
  (func (export "store_indexed_largest_offset") (param $base i32) (param $index i32)
    (i32.store16 offset=4294967294 (i32.add (local.get $base) (local.get $index)) (i32.const 7))))

