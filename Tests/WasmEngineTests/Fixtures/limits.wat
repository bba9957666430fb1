;; Guests for the store's limits (LimitTests): loops that never end, recursion that never
;; ends, a memory and a table that grow, and a loop whose instruction count is known.
(module
  (import "env" "pause" (func $pause))
  (memory (export "memory") 1)
  (table (export "table") 1 funcref)

  ;; A loop that never ends.
  (func (export "spin")
    (loop $forever (br $forever)))

  ;; Calls itself for ever through a tail call: no loop at all, and no stack grows.
  (func $tail_spin (export "tail_spin") (param i32)
    (return_call $tail_spin (i32.add (local.get 0) (i32.const 1))))

  ;; Two calls a level: exponential work with a shallow stack, no loop.
  (func $fan (export "fan") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 1))
      (else (i32.add (call $fan (i32.sub (local.get 0) (i32.const 1)))
                     (call $fan (i32.sub (local.get 0) (i32.const 1)))))))

  ;; Counts down from n: returns the number of iterations.
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; Calls the host, which may interrupt or sleep, then spins.
  (func (export "pause_then_spin")
    (call $pause)
    (loop $forever (br $forever)))

  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))

  (func (export "grow_table") (param i32) (result i32)
    (table.grow (ref.null func) (local.get 0)))

  ;; Grows by a page at a time until it cannot: returns the pages it got.
  (func (export "bomb") (result i32) (local $pages i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $pages (i32.add (local.get $pages) (i32.const 1)))
        (br $more)))
    (local.get $pages))
  ;; Loops whose back edges are other branches: a br_table, a fused add-and-branch (a
  ;; superinstruction), an exception caught by a clause that targets the loop.
  (func (export "table_spin") (param $i i32)
    (block $done
      (loop $again
        (br_table $again $done (local.get $i)))))

  (func (export "countdown") (param $n i32) (result i32) (local $passes i32)
    (loop $again
      (local.set $passes (i32.add (local.get $passes) (i32.const 1)))
      (br_if $again (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $passes))

  (tag $again)
  (func (export "throw_spin")
    (loop $again
      (try_table (catch $again $again)
        (throw $again))))

  ;; A call whose argument is a copy of a local, a back edge that carries a constant, a loop
  ;; whose value is set right before it: each move runs in the checked call's or branch's or
  ;; the loop check's handler (copy+call_checked, const+br_checked, const+check_limits), which
  ;; must still charge as the checks do.
  (func (export "forward") (param i32) (result i32)
    (call $fan (local.get 0)))
  (func (export "const_spin") (param $state i32)
    (loop $again
      (local.set $state (i32.const 5))
      (br $again)))
  ;; `count` with its counter started at 7 right before the loop: const+check_limits.
  (func (export "count_from_7") (param $n i32) (result i32) (local $i i32)
    (local.set $i (i32.const 7))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
  ;; Steps i by `step` while it is below 1000: the step and the test are the linked
  ;; superinstruction i32_add+br_i32_lt_u_imm, whose checked form is linked as well.
  (func (export "passes_to_1000") (param $step i32) (result i32) (local $i i32) (local $passes i32)
    (loop $again
      (local.set $passes (i32.add (local.get $passes) (i32.const 1)))
      (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (local.get $step))) (i32.const 1000))))
    (local.get $passes)))
