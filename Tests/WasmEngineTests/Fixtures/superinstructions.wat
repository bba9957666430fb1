;; Code whose threaded form has superinstructions, and branches that land on the second
;; instruction of a pair (which must then run alone).
(module
  (memory 1)
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
  ;; The first copy2's last value (b, into $y) stays in a register for the second copy2, but
  ;; that one first overwrites $y: its second copy must read the new value, w.
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
)
