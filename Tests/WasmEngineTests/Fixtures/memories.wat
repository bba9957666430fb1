;; Multi-memory (MultiMemoryTests): two imported memories and two of the module's own. Each
;; load, store, size, grow and bulk instruction names its memory; memory 0 ($a) keeps its
;; fast forms (address arithmetic folded into the access), the others take the general ones.
(module
  (import "env" "first" (memory $a 1))
  (import "env" "second" (memory $b 1 3))
  (memory $c 2)
  (memory $d 0 1)
  (export "first" (memory $a))
  (export "second" (memory $b))
  (export "third" (memory $c))
  (export "fourth" (memory $d))

  (data (memory $b) (i32.const 16) "hearth")
  (data (memory $c) (i32.const 8) "\2a")
  (data $passive "multi")

  (func (export "store") (param $memory i32) (param $address i32) (param $value i32)
    (block $default
      (block $in_c
        (block $in_b
          (block $in_a
            (br_table $in_a $in_b $in_c $default (local.get $memory)))
          (i32.store $a (local.get $address) (local.get $value))
          (return))
        (i32.store $b (local.get $address) (local.get $value))
        (return))
      (i32.store $c (local.get $address) (local.get $value))
      (return))
    (i32.store $d (local.get $address) (local.get $value)))

  (func (export "load") (param $memory i32) (param $address i32) (result i32)
    (block $default
      (block $in_c
        (block $in_b
          (block $in_a
            (br_table $in_a $in_b $in_c $default (local.get $memory)))
          (return (i32.load $a (local.get $address))))
        (return (i32.load $b (local.get $address))))
      (return (i32.load $c (local.get $address))))
    (i32.load $d (local.get $address)))

  ;; The same address arithmetic on memory 0 (folded) and on memory 1 (computed first).
  (func (export "sum_at") (param $base i32) (result i32)
    (i32.add
      (i32.load $a offset=4 (i32.add (local.get $base) (i32.const 8)))
      (i32.load $b offset=4 (i32.add (local.get $base) (i32.const 8)))))

  (func (export "load8_u_b") (param $address i32) (result i32)
    (i32.load8_u $b (local.get $address)))
  (func (export "store_i64_c") (param $address i32) (param $value i64)
    (i64.store $c offset=1 (local.get $address) (local.get $value)))
  (func (export "load_i64_c") (param $address i32) (result i64)
    (i64.load $c offset=1 (local.get $address)))

  (func (export "sizes") (result i32 i32 i32 i32)
    (memory.size $a) (memory.size $b) (memory.size $c) (memory.size $d))
  (func (export "grow_a") (param i32) (result i32) (memory.grow $a (local.get 0)))
  (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "grow_c") (param i32) (result i32) (memory.grow $c (local.get 0)))
  (func (export "grow_d") (param i32) (result i32) (memory.grow $d (local.get 0)))

  (func (export "copy_b_to_c") (param $to i32) (param $from i32) (param $count i32)
    (memory.copy $c $b (local.get $to) (local.get $from) (local.get $count)))
  (func (export "copy_in_a") (param $to i32) (param $from i32) (param $count i32)
    (memory.copy $a $a (local.get $to) (local.get $from) (local.get $count)))
  (func (export "fill_c") (param $to i32) (param $value i32) (param $count i32)
    (memory.fill $c (local.get $to) (local.get $value) (local.get $count)))
  (func (export "init_d") (param $to i32) (param $from i32) (param $count i32)
    (memory.init $d $passive (local.get $to) (local.get $from) (local.get $count)))

  ;; 16 bytes from memory 1 to memory 2, one lane of memory 3 into memory 0, one lane into
  ;; memory 2.
  (func (export "copy16_b_to_c") (param $to i32) (param $from i32)
    (v128.store $c (local.get $to) (v128.load $b (local.get $from))))
  (func (export "lane_d_to_a") (param $to i32) (param $from i32)
    (v128.store $a (local.get $to)
      (v128.load8_lane $d 3 (local.get $from) (v128.const i64x2 0 0))))
  (func (export "store_lane_c") (param $to i32)
    (v128.store16_lane $c 1 (local.get $to) (v128.const i16x8 0 0x1234 0 0 0 0 0 0))))
