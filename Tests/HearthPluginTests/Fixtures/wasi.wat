;; Reports what WASI shows it: its argument and environment counts, and whether it may create a
;; file in its first pre-opened directory (descriptor 3).
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "created.txt")
  (func (export "argc") (result i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (i32.load (i32.const 0)))
  (func (export "envc") (result i32)
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (i32.load (i32.const 0)))
  ;; path_open(3, 0, "created.txt", O_CREAT, fd_write | fd_read, 0, 0, &fd): the errno.
  (func (export "create") (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 11) (i32.const 1)
      (i64.const 0x42) (i64.const 0) (i32.const 0) (i32.const 8))))
