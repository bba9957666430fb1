;; Imports a function and a memory from another instance, which a linker defines as "lib".
(module
  (import "lib" "double" (func $double (param i32) (result i32)))
  (import "lib" "memory" (memory 1))
  ;; Doubles the i32 stored at `address`.
  (func (export "double_at") (param $address i32) (result i32)
    (call $double (i32.load (local.get $address))))
)
