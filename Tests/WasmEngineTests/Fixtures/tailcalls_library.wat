;; The other instance of the tail-call tests (tailcalls.wat imports it as "lib"): its memory
;; holds 1000 at address 0, so what `load_plus` returns shows which memory it read.
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "\e8\03\00\00")
  (func (export "load_plus") (param $address i32) (param $n i32) (result i32)
    (i32.add (i32.load (local.get $address)) (local.get $n)))
)
