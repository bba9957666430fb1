;; Extended constant expressions (ConstantExpressionTests in WasmEngineTests): integer add, sub
;; and mul in global initialisers and segment offsets, over an imported global.
(module
  (import "env" "base" (global $base i32))
  (import "env" "wide" (global $wide i64))
  (memory 1)
  (table 8 funcref)
  (global $i32 (export "i32") i32 (i32.add (global.get $base) (i32.mul (i32.const 3) (i32.const 4))))
  (global $wraps (export "wraps") i32 (i32.sub (i32.const 0) (i32.const 1)))
  (global $overflows (export "overflows") i32 (i32.mul (i32.const 0x10000) (i32.const 0x10001)))
  (global $i64 (export "i64") i64 (i64.sub (i64.mul (global.get $wide) (i64.const 1000)) (i64.const 7)))
  (data (i32.sub (global.get $base) (i32.const 2)) "\ab")
  (elem (i32.add (i32.const 1) (global.get $base)) $seven)
  (func $seven (result i32) (i32.const 7))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
