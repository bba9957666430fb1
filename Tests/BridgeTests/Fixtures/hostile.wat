;; A hand-written "wasm-bindgen" module that lies: greet's result points outside memory or
;; holds invalid UTF-8, and its describe function says greet(&str) -> String like the real one.
(module
  (import "__wbindgen_placeholder__" "__wbindgen_describe" (func $describe (param i32)))
  (memory (export "memory") 1)
  (global $mode (mut i32) (i32.const 0))
  (data (i32.const 100) "\ff\fe")
  (func (export "__wbindgen_describe_greet")
    (call $describe (i32.const 11)) (call $describe (i32.const 0)) (call $describe (i32.const 1))
    (call $describe (i32.const 15)) (call $describe (i32.const 14))
    (call $describe (i32.const 14)) (call $describe (i32.const 14)))
  ;; Bump allocator from 1024; free does nothing.
  (global $next (mut i32) (i32.const 1024))
  (func (export "__wbindgen_malloc") (param i32) (result i32)
    (global.get $next) (global.set $next (i32.add (global.get $next) (i32.add (local.get 0) (i32.const 8)))))
  (func (export "__wbindgen_free") (param i32 i32))
  (func (export "set_mode") (param i32) (global.set $mode (local.get 0)))
  ;; greet(retptr, ptr, len): mode 0 -> invalid UTF-8 at 100; mode 1 -> a pointer past the end.
  (func (export "greet") (param i32 i32 i32)
    (if (i32.eqz (global.get $mode))
      (then (i32.store (local.get 0) (i32.const 100)) (i32.store offset=4 (local.get 0) (i32.const 2)))
      (else (i32.store (local.get 0) (i32.const 65530)) (i32.store offset=4 (local.get 0) (i32.const 100)))))
  (@custom "__wasm_bindgen_unstable" "\2e\00\00\00\7b\22\73\63\68\65\6d\61\5f\76\65\72\73\69\6f\6e\22\3a\22\30\2e\32\2e\38\33\22\2c\22\76\65\72\73\69\6f\6e\22\3a\22\30\2e\32\2e\38\33\22\7d\4e\00\00\00\01\00\01\18\20\47\72\65\65\74\73\20\73\6f\6d\65\6f\6e\65\20\62\79\20\6e\61\6d\65\2e\00\01\04\6e\61\6d\65\00\05\67\72\65\65\74\01\00\01\01\00\00\00\00\00\00\00\00\16\67\72\65\65\74\2d\34\34\38\64\35\66\37\38\63\39\30\64\30\35\35\31\00")
)
