;; Instructions reading the value the one before wrote from the accumulator
;; (Tests/WasmEngineTests/AccumulatorTests.swift).
(module
  (tag $thrown (param i32))

  ;; 0: a chain of operations no superinstruction joins, each reading the one before's result.
  (func (export "chain") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.mul
    local.get $a
    i32.xor
    i32.const 5
    i32.shr_u
    local.get $b
    i32.sub)

  ;; 1: a loop whose first instruction reads the slot the instruction before the loop wrote;
  ;; on the back edge the accumulator holds the counter instead.
  (func (export "loop") (param $x i32) (param $n i32) (result i32)
    (local $v i32)
    local.get $x
    local.get $x
    i32.mul
    local.set $v
    (loop $again
      local.get $v
      i32.const 0x9E3779B9
      i32.xor
      local.set $v
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if $again)
    local.get $v)

  ;; 2: a catch lands on an instruction reading the slot the instruction before it wrote (the
  ;; try's last result), so it is a target and takes no accumulator form. (Here the throw's
  ;; payload copy happens to leave that slot's value in the accumulator too.)
  (func (export "caught") (param $x i32) (result i32)
    (local $y i32)
    (block $landing (result i32)
      (try_table (result i32) (catch $thrown $landing)
        (if (i32.gt_s (local.get $x) (i32.const 10))
          (then
            (local.set $y (i32.mul (local.get $x) (i32.const 3)))
            (throw $thrown (local.get $x))))
        (i32.mul (local.get $x) (i32.const 100))))
    i32.const 1
    i32.add
    local.get $y
    i32.add)

  ;; 3: a table branch on the value the instruction before computed.
  (func (export "switch") (param $x i32) (result i32)
    (block $d (block $c (block $b (block $a
      local.get $x
      i32.const 3
      i32.and
      br_table $a $b $c $d)
      i32.const 10 return)
      i32.const 20 return)
      i32.const 30 return)
    i32.const 40))
