;; A WASI guest for WASITests: `_start` copies its arguments, environment and standard input
;; to standard output and exits with the code in argv[1]'s first byte minus '0';
;; the other exports call one WASI function each and return its errno.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)

  ;; Writes `length` bytes at `pointer` to `fd` through an iovec at 0; returns the errno.
  (func $write (param $fd i32) (param $pointer i32) (param $length i32) (result i32)
    (i32.store (i32.const 0) (local.get $pointer))
    (i32.store (i32.const 4) (local.get $length))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))

  (func (export "_start")
    (local $size i32) (local $read i32)
    ;; Arguments: pointers at 1024, strings at 2048, written out with their NULs.
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (drop (call $args_get (i32.const 1024) (i32.const 2048)))
    (drop (call $write (i32.const 1) (i32.const 2048) (i32.load (i32.const 20))))
    ;; Environment: the same at 3072 and 4096.
    (drop (call $environ_sizes_get (i32.const 48) (i32.const 52)))
    (drop (call $environ_get (i32.const 3072) (i32.const 4096)))
    (drop (call $write (i32.const 1) (i32.const 4096) (i32.load (i32.const 52))))
    ;; Standard input to standard output, 16 bytes at a time, until end of file.
    (block $done
      (loop $copy
        (i32.store (i32.const 24) (i32.const 8192))
        (i32.store (i32.const 28) (i32.const 16))
        (drop (call $fd_read (i32.const 0) (i32.const 24) (i32.const 1) (i32.const 32)))
        (br_if $done (i32.eqz (i32.load (i32.const 32))))
        (drop (call $write (i32.const 1) (i32.const 8192) (i32.load (i32.const 32))))
        (br $copy)))
    ;; "err" on standard error.
    (i32.store (i32.const 40) (i32.const 0x00727265))
    (drop (call $write (i32.const 2) (i32.const 40) (i32.const 3)))
    ;; Exit with argv[1]'s first byte minus '0', if there is an argv[1].
    (if (i32.ge_u (i32.load (i32.const 16)) (i32.const 2))
      (then (call $proc_exit (i32.sub (i32.load8_u (i32.load (i32.const 1028))) (i32.const 48))))))

  (func (export "write_to") (param $fd i32) (param $pointer i32) (param $length i32) (result i32)
    (call $write (local.get $fd) (local.get $pointer) (local.get $length)))
  ;; Writes the 40 bytes at 100 to standard output `count` times; returns the last errno.
  (func (export "write_lines") (param $count i32) (result i32)
    (local $errno i32)
    (loop $again
      (local.set $errno (call $write (i32.const 1) (i32.const 100) (i32.const 40)))
      (br_if $again (local.tee $count (i32.sub (local.get $count) (i32.const 1)))))
    (local.get $errno))
  (func (export "write_through") (param $iovs i32) (result i32)
    (call $fd_write (i32.const 1) (local.get $iovs) (i32.const 1) (i32.const 8)))
  (func (export "seek") (param $fd i32) (result i32)
    (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 0) (i32.const 8)))
  (func (export "time") (param $clock i32) (result i32)
    (call $clock_time_get (local.get $clock) (i64.const 1) (i32.const 64)))
  (func (export "time_at") (param $clock i32) (param $pointer i32) (result i32)
    (call $clock_time_get (local.get $clock) (i64.const 1) (local.get $pointer)))
  (func (export "random") (param $pointer i32) (param $length i32) (result i32)
    (call $random_get (local.get $pointer) (local.get $length)))
)
