;; A test driver for check-with-wasmtime.sh, doing what Hearth's bridge does for a function
;; with one string or bytes argument and a string or bytes result: it reads standard input into
;; the orchestrator's memory (through its `__wbindgen_malloc`), calls the function with a return
;; area, and writes the result's bytes to standard output.
;;
;;   wasmtime run --preload ... --preload orchestrator=../orchestrator.wasm --invoke sha256_hex driver.wat
;;
;; It has no memory of its own: it imports the orchestrator's and exports it as `memory`, which
;; is where WASI's fd_read and fd_write then read and write.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "orchestrator" "memory" (memory 0))
  (import "orchestrator" "__wbindgen_malloc" (func $malloc (param i32) (result i32)))
  (import "orchestrator" "sha256_hex" (func $sha256_hex (param i32 i32 i32)))
  (import "orchestrator" "sha256_hex_bytes" (func $sha256_hex_bytes (param i32 i32 i32)))
  (import "orchestrator" "grayscale" (func $grayscale (param i32 i32 i32)))
  (import "orchestrator" "checksum_gray" (func $checksum_gray (param i32 i32 i32)))
  (export "memory" (memory 0))

  (type $buffer_function (func (param i32 i32 i32)))
  (table 4 funcref)
  (elem (i32.const 0) $sha256_hex $sha256_hex_bytes $grayscale $checksum_gray)

  ;; Input of at most this many bytes.
  (global $capacity i32 (i32.const 4194304))

  ;; Calls the function at `$index` of the table on all of standard input; writes its result.
  (func $run (param $index i32)
    (local $io i32) (local $input i32) (local $length i32) (local $count i32) (local $result i32)
    ;; $io: an iovec (pointer, length) and a count of bytes moved
    (local.set $io (call $malloc (i32.const 12)))
    (local.set $input (call $malloc (global.get $capacity)))
    (loop $reading
      (i32.store (local.get $io) (i32.add (local.get $input) (local.get $length)))
      (i32.store offset=4 (local.get $io) (i32.sub (global.get $capacity) (local.get $length)))
      (if (call $fd_read (i32.const 0) (local.get $io) (i32.const 1) (i32.add (local.get $io) (i32.const 8)))
        (then unreachable))
      (local.set $count (i32.load offset=8 (local.get $io)))
      (local.set $length (i32.add (local.get $length) (local.get $count)))
      (if (i32.eq (local.get $length) (global.get $capacity)) (then unreachable))  ;; input too long
      (br_if $reading (local.get $count)))
    (local.set $result (call $malloc (i32.const 8)))
    (call_indirect (type $buffer_function)
      (local.get $result) (local.get $input) (local.get $length) (local.get $index))
    ;; the result is (pointer, length) in the return area
    (i32.store (local.get $io) (i32.load (local.get $result)))
    (i32.store offset=4 (local.get $io) (i32.load offset=4 (local.get $result)))
    (loop $writing
      (if (i32.eqz (i32.load offset=4 (local.get $io))) (then return))
      (if (call $fd_write (i32.const 1) (local.get $io) (i32.const 1) (i32.add (local.get $io) (i32.const 8)))
        (then unreachable))
      (local.set $count (i32.load offset=8 (local.get $io)))
      (i32.store (local.get $io) (i32.add (i32.load (local.get $io)) (local.get $count)))
      (i32.store offset=4 (local.get $io) (i32.sub (i32.load offset=4 (local.get $io)) (local.get $count)))
      (br $writing)))

  (func (export "sha256_hex") (call $run (i32.const 0)))
  (func (export "sha256_hex_bytes") (call $run (i32.const 1)))
  (func (export "grayscale") (call $run (i32.const 2)))
  (func (export "checksum_gray") (call $run (i32.const 3))))
