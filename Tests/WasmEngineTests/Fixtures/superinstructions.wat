;; Code whose threaded form has superinstructions, and branches that land on the second
;; instruction of a pair (which must then run alone).
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00")
  ;; Sums `count` words from `start + 4` on: the pointer bump before the loop fuses with the
  ;; loop's first load, and the back edge branches to that load alone.
  (func (export "sum") (param $start i32) (param $count i32) (result i32)
    (local $p i32) (local $sum i32) (local $v i32)
    local.get $start
    i32.const 4
    i32.add
    local.set $p
    loop $next
      local.get $p
      i32.load
      local.set $v
      local.get $sum
      local.get $v
      i32.add
      local.set $sum
      local.get $p
      i32.const 4
      i32.add
      local.set $p
      local.get $count
      i32.const -1
      i32.add
      local.tee $count
      br_if $next
    end
    local.get $sum)
  ;; A rotate-xor-add chain, as in hashes.
  (func (export "mix") (param $a i32) (param $b i32) (result i32)
    local.get $a
    i32.const 7
    i32.rotl
    local.get $b
    i32.xor
    local.get $a
    i32.add)
  ;; The fused load traps: the error must name the load, and nothing else runs.
  (func (export "load_past_end") (param $p i32) (result i32)
    local.get $p
    i32.const 1
    i32.add
    local.set $p
    local.get $p
    i32.load)
  ;; Two copy2 in a row (in a run when copy2+copy2 is a superinstruction, which carries the
  ;; first one's last value, b into $y, in a register): the second first overwrites $y, so its
  ;; second copy must read the new value, w.
  (func (export "overwrite") (param $a i32) (param $b i32) (param $w i32) (result i32)
    (local $p i32) (local $y i32) (local $z i32)
    local.get $a
    local.set $p
    local.get $b
    local.set $y
    local.get $w
    local.set $y
    local.get $y
    local.set $z
    local.get $z
    local.get $p
    i32.add)
  ;; FNV-1a over the four bytes at p: each step is a load, an xor and a multiply whose values
  ;; pass in registers (a linked superinstruction; the loaded byte is never stored).
  (func (export "fnv4") (param $p i32) (param $h i32) (result i32)
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $p) (i32.const 0)))) (i32.const 16777619)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $p) (i32.const 1)))) (i32.const 16777619)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $p) (i32.const 2)))) (i32.const 16777619)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $p) (i32.const 3)))) (i32.const 16777619)))
    (local.get $h))
  ;; One step of it, but the loaded byte is also kept in a local and added to the result: the
  ;; load's result is read later, so the linked form (which would not store it) must not be used.
  (func (export "fnv_keep") (param $p i32) (param $h i32) (result i32)
    (local $byte i32)
    local.get $h
    (i32.load8_u (i32.add (local.get $p) (i32.const 1)))
    local.tee $byte
    i32.xor
    i32.const 16777619
    i32.mul
    local.get $byte
    i32.add)
  ;; An add, a load and a store in a row where the store's address is not the sum:
  ;; x = p + q; mem[dst] = mem[src]; returns x + mem[dst].
  (func (export "store_elsewhere") (param $p i32) (param $q i32) (param $src i32) (param $dst i32) (result i32)
    (local $x i32)
    local.get $p
    local.get $q
    i32.add
    local.set $x
    local.get $dst
    local.get $src
    i32.load8_u
    i32.store8
    local.get $x
    local.get $dst
    i32.load8_u
    i32.add)
  ;; Multiply-accumulate of the halfwords at p, p + 4, p + 8, p + 12 by w, the sum kept on the
  ;; stack (each addition is computed when the next address is pushed) ...
  (func (export "dot_stack") (param $p i32) (param $w i32) (result i32)
    (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 0))) (local.get $w))
    (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 4))) (local.get $w))
    i32.add
    (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 8))) (local.get $w))
    i32.add
    (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 12))) (local.get $w))
    i32.add)
  ;; ... and in a local (each addition computed by local.set).
  (func (export "dot_local") (param $p i32) (param $w i32) (result i32)
    (local $sum i32)
    (local.set $sum (i32.add (local.get $sum) (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 0))) (local.get $w))))
    (local.set $sum (i32.add (local.get $sum) (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 4))) (local.get $w))))
    (local.set $sum (i32.add (local.get $sum) (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 8))) (local.get $w))))
    (local.set $sum (i32.add (local.get $sum) (i32.mul (i32.load16_s (i32.add (local.get $p) (i32.const 12))) (local.get $w))))
    (local.get $sum))
  ;; A value stored and another loaded back (spilling through the shadow stack), and a
  ;; pointer loaded and followed: mem[p] = x; return mem[mem[p + 4]].
  (func (export "spill_and_chase") (param $p i32) (param $x i32) (result i32)
    (i32.store (local.get $p) (local.get $x))
    (i32.load (i32.load offset=4 (local.get $p))))
  ;; The first node from `node` on whose key (word 0) is `key`, following next pointers (word
  ;; 1) to 0: the key test's fall-through path, the next pointer's load and the loop's test run
  ;; in one handler, and a match leaves it from the middle.
  (func (export "find") (param $node i32) (param $key i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (i32.load (local.get $node)) (local.get $key)))
        (br_if $next (local.tee $node (i32.load offset=4 (local.get $node))))))
    (local.get $node))
  ;; Reverses the list at `next` in place and returns its new head, the loop rotated as
  ;; compilers emit it: the two moves, the next pointer's load, the store and the test in one
  ;; handler.
  (func (export "reverse") (param $next i32) (result i32)
    (local $list i32) (local $reversed i32)
    (if (local.get $next) (then
      (loop $again
        (local.set $reversed (local.get $list))
        (local.set $list (local.get $next))
        (local.set $next (i32.load offset=4 (local.get $list)))
        (i32.store offset=4 (local.get $list) (local.get $reversed))
        (br_if $again (local.get $next)))))
    (local.get $list))
)
