;; An `i32.add` is computed only when its sum is needed, so each function here keeps a sum
;; pending while something that could spoil it happens: its input local changes, the slot
;; it reads is claimed by the next value, a call's frame starts above it, a branch or a
;; return moves it. Memory byte k holds k + 1 for the first 8 bytes.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  (func $seven (result i32)
    (local $scratch i32)
    (local.set $scratch (i32.const 7))
    (local.get $scratch))
  ;; a + 1, with a overwritten (by a constant, then by a computed value) while the sum waits.
  (func (export "local_changes") (param $a i32) (param $b i32) (result i32)
    local.get $a
    i32.const 1
    i32.add
    i32.const 100
    local.set $a
    local.get $b
    local.get $b
    i32.mul
    local.set $a
    local.get $a
    i32.add)
  ;; a + (b ^ 3) reads the slot above its own; the next push takes that slot.
  (func (export "slot_above") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.const 3
    i32.xor
    i32.add
    local.get $b
    i32.const 5
    i32.mul
    i32.sub)
  ;; The same sum pending across a call without arguments, whose frame starts above it.
  (func (export "across_call") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.const 3
    i32.xor
    i32.add
    call $seven
    i32.sub)
  ;; A store to a + 4 whose address add comes before the value is computed:
  ;; mem[a + 4] = b ^ 3, read back with a plain load.
  (func (export "store_later") (param $a i32) (param $b i32) (result i32)
    local.get $a
    i32.const 4
    i32.add
    local.get $b
    i32.const 3
    i32.xor
    i32.store8
    local.get $a
    i32.load8_u offset=4)
  ;; Two results computed from the low locals that the results overwrite: (b + 1, a + 2).
  (func (export "two_results") (param $a i32) (param $b i32) (result i32 i32)
    local.get $b
    i32.const 1
    i32.add
    local.get $a
    i32.const 2
    i32.add)
  ;; A block's value carried by br_if: a + 10 when a is odd, else a + 20.
  (func (export "branch_value") (param $a i32) (result i32)
    block (result i32)
      local.get $a
      i32.const 10
      i32.add
      local.get $a
      i32.const 1
      i32.and
      br_if 0
      drop
      local.get $a
      i32.const 20
      i32.add
    end)
  ;; An add, a load and a branch on the loaded byte run as one handler, each value taken from
  ;; a register: p + 1 when mem[src] is nonzero, else -1.
  (func (export "step_byte") (param $p i32) (param $src i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $p) (i32.const 1)))
    (block $zero
      (br_if $zero (i32.eqz (i32.load8_u (local.get $src))))
      (return (local.get $at)))
    (i32.const -1))
  ;; The same run where the load overwrites the add's result: the branch must test the loaded
  ;; byte, not the sum. mem[p + 1] when it is nonzero, else -1.
  (func (export "load_through") (param $p i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $p) (i32.const 1)))
    (local.set $at (i32.load8_u (local.get $at)))
    (block $zero
      (br_if $zero (i32.eqz (local.get $at)))
      (return (local.get $at)))
    (i32.const -1))
  ;; Forty values on the stack at once (the translator's operand stack starts with room for
  ;; 32), then summed: 40 x.
  (func (export "deep_stack") (param $x i32) (result i32)
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    local.get $x
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add
    i32.add)

  ;; `8 + (a ^ a)`: the constant is pushed first, so the swapped sum's base is the slot just
  ;; above its own, which `(b | 1)` then reuses (found by random testing against wasmtime).
  (func (export "constant_first") (param i32 i32) (result i32)
    (select
      (i32.add (i32.const 8) (i32.xor (local.get 0) (local.get 0)))
      (i32.or (local.get 1) (i32.const 1))
      (i32.const 1)))
)
