;; Runs into each limit of a plugin: a loop that never ends, memory that grows, recursion.
(module
  (memory (export "memory") 1)
  (func (export "spin") (loop (br 0)))
  ;; memory.grow by `pages`: the old size, or -1.
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func $recurse (export "recurse") (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))
