;; Imports a host function only an embedder can provide.
(module
  (import "env" "log" (func $log (param i32)))
  (func (export "log_twice") (param i32) (call $log (local.get 0)) (call $log (local.get 0))))
