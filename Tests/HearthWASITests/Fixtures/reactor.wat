;; A WASI reactor: `_initialize` sets the counter to 41 and writes a line; `next` counts on.
;; A caller that skipped `_initialize` would see 1 from the first `next`.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "initialized\n")
  (global $counter (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $counter (i32.const 41))
    ;; iovec at 0: the 12 bytes at 16.
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 12))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "next") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
)
