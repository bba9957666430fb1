;; The main module: imports from math by its full key and from util without .wasm, and reads
;; the plugin's configuration through hearth.config_get.
(module
  (import "math.wasm" "add" (func $add (param i32 i32) (result i32)))
  (import "math.wasm" "crash" (func $crash (result i32)))
  (import "util" "double" (func $double (param i32) (result i32)))
  (import "hearth" "config_get" (func $config_get (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; double(a + b)
  (func (export "sum_double") (param i32 i32) (result i32)
    (call $double (call $add (local.get 0) (local.get 1))))
  (func (export "crash_in_math") (result i32) (call $crash))
  ;; config_get with the key at [key, key + length) and room for `capacity` bytes at 1024.
  (func (export "config") (param $key i32) (param $length i32) (param $capacity i32) (result i32)
    (call $config_get (local.get $key) (local.get $length) (i32.const 1024) (local.get $capacity))))
