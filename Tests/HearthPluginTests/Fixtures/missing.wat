;; Imports a function math does not export, and one nothing provides.
(module
  (import "math" "subtract" (func (param i32 i32) (result i32)))
  (import "env" "log" (func (param i32))))
