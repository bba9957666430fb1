;; Imports a host function, memory and global; exports functions that use them.
(module
  (import "env" "double" (func $double (param i32) (result i32)))
  (import "env" "memory" (memory 1))
  (import "env" "base" (global $base i32))
  (func (export "double_plus_base") (param i32) (result i32)
    (i32.add (call $double (local.get 0)) (global.get $base)))
  ;; Sums `count` bytes of memory starting at `start`.
  (func (export "sum_bytes") (param $start i32) (param $count i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $start))))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
    (local.get $sum))
)
