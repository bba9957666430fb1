;; A module whose import nothing provides, for ErrorCatalogTests.
(module (import "env" "log" (func $log (param i32))))
