;; Branches the translator shapes: an `i32.and` branched on becomes one bit test (taken when the
;; bits are set, or with `if`, when they are not), and a `br_table` entry whose label takes no
;; values jumps straight to it (a loop's start included), while one that carries a value goes
;; through a stub that copies it.
(module
  ;; 1 when a & b has a bit set: the mask in a slot.
  (func (export "any_bits") (param i32 i32) (result i32)
    (block $set
      (br_if $set (i32.and (local.get 0) (local.get 1)))
      (return (i32.const 0)))
    (i32.const 1))
  ;; The mask as an immediate, through `if` (the negated form).
  (func (export "low_bit_clear") (param i32) (result i32)
    (if (i32.and (local.get 0) (i32.const 1)) (then (return (i32.const 0))))
    (i32.const 1))
  ;; Counts the set bits of the argument with a bit test on a loop's back edge.
  (func (export "popcount") (param i32) (result i32) (local $count i32)
    (block $done
      (br_if $done (i32.eqz (local.get 0)))
      (loop $next
        (if (i32.and (local.get 0) (i32.const 1))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set 0 (i32.shr_u (local.get 0) (i32.const 1)))
        (br_if $next (i32.and (local.get 0) (i32.const -1)))))
    (local.get $count))
;; A state machine: entries 0-2 jump straight to blocks, 3 back to the loop's start (after
  ;; counting down a round), the default straight out of the loop.
  (func (export "dispatch") (param $state i32) (param $rounds i32) (result i32) (local $total i32)
    (block $out
      (loop $again
        (block $three
          (block $two
            (block $one
              (block $zero
                (br_table $zero $one $two $three $out (local.get $state)))
              (local.set $total (i32.add (local.get $total) (i32.const 1)))
              (local.set $state (i32.const 1))
              (br $again))
            (local.set $total (i32.add (local.get $total) (i32.const 10)))
            (local.set $state (i32.const 2))
            (br $again))
          (local.set $total (i32.add (local.get $total) (i32.const 100)))
          (local.set $state (i32.const 3))
          (br $again))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (local.set $state (select (i32.const 0) (i32.const 9) (local.get $rounds)))
        (br_table $again $again (i32.const 0))))
    (local.get $total))
  ;; Entries whose labels take a value: each goes through a stub that copies it.
  (func (export "pick") (param i32) (result i32)
    (block $b (result i32)
      (block $a (result i32)
        (br_table $a $b (i32.const 7) (local.get 0)))
      (return (i32.add (i32.const 100))))
    (i32.add (i32.const 200)))

  ;; Fibonacci by rotating two locals: the rotation's copy runs in the loop's back-edge branch.
  (func (export "fib_rotate") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $t i32)
    (local.set $b (i32.const 1))
    (loop $next
      (local.set $t (i32.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $b (local.get $t))
      (br_if $next (i32.ne (local.get $n) (i32.const 0))))
    (local.get $a))
  ;; An `i32.or` or `xor` tested by a branch is one branch: either is nonzero, the two differ.
  (func (export "either") (param i32 i32) (result i32)
    (if (result i32) (i32.or (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "differ") (param i32 i32) (result i32)
    (if (result i32) (i32.xor (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
  ;; `eqz` of a comparison (or of a xor) tested by a branch: the opposite comparison.
  (func (export "same") (param i32 i32) (result i32)
    (block $yes
      (br_if $yes (i32.eqz (i32.xor (local.get 0) (local.get 1))))
      (return (i32.const 0)))
    (i32.const 1))
  (func (export "not_below") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (i32.lt_s (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  ;; The same `eqz` as a value: computed.
  (func (export "same_value") (param i32 i32) (result i32)
    (i32.eqz (i32.xor (local.get 0) (local.get 1))))
  ;; The bit test's result is also kept in a local (local.tee): it must still be written.
  (func (export "kept_test") (param i32) (result i32) (local $low i32)
    (block $none
      (br_if $none (i32.eqz (local.tee $low (i32.and (local.get 0) (i32.const 7)))))
      (return (i32.add (local.get $low) (i32.const 100))))
    (local.get $low))
  ;; A call whose last argument is a constant: the constant runs in the call's handler.
  (func (export "fib_ten") (result i32) (call 5 (i32.const 10)))
  ;; A state machine as Go compiles one: each state sets the next and jumps back to a br_table
  ;; on it, which the jump skips, going straight to the next state's code. Returns the states
  ;; visited, a digit each (state k adds k + 1), then 4; state 2 sets 7, past the table: the
  ;; default, which ends.
  (func (export "states") (param $state i32) (result i32) (local $trace i32)
    (loop $dispatch
      (block $s3 (block $s2 (block $s1 (block $s0
        (br_table $s0 $s1 $s2 $s3 (local.get $state)))
        (local.set $trace (i32.add (i32.mul (local.get $trace) (i32.const 10)) (i32.const 1)))
        (local.set $state (i32.const 2))
        (br $dispatch))
        (local.set $trace (i32.add (i32.mul (local.get $trace) (i32.const 10)) (i32.const 2)))
        (local.set $state (i32.const 0))
        (br $dispatch))
        (local.set $trace (i32.add (i32.mul (local.get $trace) (i32.const 10)) (i32.const 3)))
        (local.set $state (i32.const 7))
        (br $dispatch)))
    (i32.add (i32.mul (local.get $trace) (i32.const 10)) (i32.const 4)))

  ;; A table in code that cannot run: after `unreachable` the block is dead, its inner block's
  ;; end makes the translator emit code again, and nothing follows the outer block's end, where
  ;; an entry of the table points (past the end of the function's code).
  (func (export "dead_table") (param $i i32)
    unreachable
    (block $outer
      (block $inner)
      (br_table $outer $outer (local.get $i)))))
