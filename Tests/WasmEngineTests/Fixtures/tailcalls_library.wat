;; The other instance of the tail-call tests (tailcalls.wat imports it as "lib"): its memory
;; holds 1000 at address 0, so what `load_plus` returns shows which memory it read.
;; `call_shared` calls element 0 of the host's table, which tailcalls.wat fills.
(module
  (import "env" "shared" (table 1 funcref))
  (type $nullary (func (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\e8\03\00\00")
  (func (export "load_plus") (param $address i32) (param $n i32) (result i32)
    (i32.add (i32.load (local.get $address)) (local.get $n)))
  (func (export "call_shared") (result i32)
    (call_indirect (type $nullary) (i32.const 0)))
)
