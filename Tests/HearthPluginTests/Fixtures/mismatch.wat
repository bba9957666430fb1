;; Imports math's add with 64-bit integers: math's takes i32s.
(module
  (import "math" "add" (func (param i64 i64) (result i64))))
