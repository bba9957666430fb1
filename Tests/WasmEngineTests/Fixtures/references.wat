;; Typed function references for ReferenceTests: call_ref, ref.as_non_null, br_on_null and
;; br_on_non_null, a table of non-null references with an initialiser, and a local without
;; a default set before it is read. Built with `wat2wasm --enable-all` (build.sh).
(module
  (type $binary (func (param i32 i32) (result i32)))
  (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
  (table $ops 2 (ref $binary) (ref.func $add))
  (elem declare func $add $sub)
  (elem (table $ops) (i32.const 1) (ref $binary) (ref.func $sub))

  (func (export "apply") (param $which i32) (param $a i32) (param $b i32) (result i32)
    (local $f (ref $binary))
    (local.set $f (table.get $ops (local.get $which)))
    (call_ref $binary (local.get $a) (local.get $b) (local.get $f)))

  (func (export "call_null") (result i32)
    (call_ref $binary (i32.const 1) (i32.const 2) (ref.null $binary)))

  (func (export "as_non_null_of_null")
    (drop (ref.as_non_null (ref.null $binary))))

  ;; 1 if the reference (null when $null) is null, by br_on_null; else the call's result.
  (func (export "on_null") (param $null i32) (result i32)
    (block $was_null
      (return (call_ref $binary (i32.const 40) (i32.const 2)
        (br_on_null $was_null
          (select (result (ref null $binary)) (ref.null $binary) (ref.func $add) (local.get $null))))))
    (i32.const -1))

  (func (export "on_non_null") (param $null i32) (result i32)
    (call_ref $binary (i32.const 50) (i32.const 8)
      (block $was_set (result (ref $binary))
        (br_on_non_null $was_set
          (select (result (ref null $binary)) (ref.null $binary) (ref.func $sub) (local.get $null)))
        (return (i32.const -1)))))
)
