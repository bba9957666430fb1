;; One way to cause each trap Hearth reports, and an uncaught exception, for
;; ErrorCatalogTests. The name section (wat2wasm --debug-names) gives traps a function name
;; to report.
(module
  (type $nullary (func))
  (type $unary (func (param i32) (result i32)))
  (memory 1 1)
  (table $functions 2 funcref)
  (elem (table $functions) (i32.const 0) func $nothing)
  (func $nothing (type $nullary))
  (func $unreachable (export "unreachable") (unreachable))
  (func $divide_by_zero (export "divide_by_zero") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
  (func $overflow (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func $convert_nan (export "convert_nan") (result i32) (i32.trunc_f32_s (f32.const nan)))
  (func $load_past_end (export "load_past_end") (result i32) (i32.load (i32.const 65536)))
  (func $table_past_end (export "table_past_end") (result funcref) (table.get $functions (i32.const 2)))
  (func $call_past_end (export "call_past_end") (call_indirect (type $nullary) (i32.const 2)))
  (func $call_null (export "call_null") (call_indirect (type $nullary) (i32.const 1)))
  (func $call_wrong_type (export "call_wrong_type") (result i32)
    (call_indirect (type $unary) (i32.const 7) (i32.const 0)))
  (func $recurse (export "recurse") (call $recurse))
  (func $null_call_ref (export "null_call_ref") (call_ref $nullary (ref.null $nullary)))
  (func $null_as_non_null (export "null_as_non_null") (drop (ref.as_non_null (ref.null func))))
  (func $null_throw_ref (export "null_throw_ref") (throw_ref (ref.null exn)))
  (tag $oops (export "oops") (param i32))
  (func $uncaught (export "uncaught") (throw $oops (i32.const 42)))
  ;; For the limits (exit 72): a loop that never ends.
  (func $spin (export "spin") (loop $forever (br $forever)))
)
