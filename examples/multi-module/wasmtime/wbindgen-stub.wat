;; Stands in for Hearth's wasm-bindgen intrinsics when wasmtime runs the orchestrator
;; (check-with-wasmtime.sh preloads it as `__wbindgen_placeholder__`). Describing is a no-op (the
;; check never calls the describe exports); a guest's throw traps here, so a wasmtime backtrace
;; through `__wbindgen_throw` means the orchestrator refused its input.
(module $wbindgen_stub
  (func $__wbindgen_describe (export "__wbindgen_describe") (param i32))
  (func $__wbindgen_throw (export "__wbindgen_throw") (param i32 i32) unreachable))
