;; Imports from math by its key without .wasm.
(module
  (import "math" "mul" (func $mul (param i32 i32) (result i32)))
  (func (export "double") (param i32) (result i32) (call $mul (local.get 0) (i32.const 2))))
