;; Tail calls: mutual recursion as deep as the test wants, in constant space (return_call and
;; return_call_indirect); callees with more and fewer parameters than the caller; callees in
;; another instance ("lib", tailcalls_library.wat) and on the host ("env"."host", which
;; returns a * 100 + b; "env"."memory_at_zero", which reads its caller's memory). This instance's memory holds 7 at address 0, the library's 1000.
(module
  (import "env" "host" (func $host (param i32 i32) (result i32)))
  (import "env" "memory_at_zero" (func $memory_at_zero (result i32)))
  (import "env" "shared" (table 1 funcref))
  (import "lib" "load_plus" (func $load_plus (param i32 i32) (result i32)))
  (import "lib" "call_shared" (func $call_shared (result i32)))
  (export "library_calls_back" (func $call_shared))
  (type $predicate (func (param i64) (result i32)))
  (type $pair (func (param i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "\07\00\00\00")
  (table $own funcref (elem $even_indirect $odd_indirect $host))
  (elem (table 0) (i32.const 0) func $reads_memory)

  ;; 1 when n is even, through n tail calls.
  (func $even (export "even") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))))))
  (func $odd (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))
  (func $even_indirect (export "even_indirect") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_indirect $own (type $predicate) (i64.sub (local.get $n) (i64.const 1)) (i32.const 1)))))
  (func $odd_indirect (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect $own (type $predicate) (i64.sub (local.get $n) (i64.const 1)) (i32.const 0)))))

  ;; Five digits, and a declared local that must start at zero.
  (func $digits (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $e i32) (result i32)
    (local $zero i32)
    (i32.add (local.get $zero)
      (i32.add (i32.mul (local.get $a) (i32.const 10000))
        (i32.add (i32.mul (local.get $b) (i32.const 1000))
          (i32.add (i32.mul (local.get $c) (i32.const 100))
            (i32.add (i32.mul (local.get $d) (i32.const 10)) (local.get $e)))))))
  ;; More parameters than the caller has slots: the arguments overlap where they move to.
  (func (export "more_parameters") (param $a i32) (result i32)
    (return_call $digits (local.get $a) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)))
  ;; Arguments of every width (a v128 takes two slots), of other types than the caller's.
  (func $mixed (param $a f64) (param $v v128) (param $b i64) (result f64)
    (f64.add (f64.add (local.get $a) (f64x2.extract_lane 1 (local.get $v))) (f64.convert_i64_s (local.get $b))))
  (func (export "mixed_types") (param $n i32) (result f64)
    (return_call $mixed (f64.const 0.5) (f64x2.splat (f64.convert_i32_s (local.get $n))) (i64.const 1000)))
  ;; Two parameters and two locals over the caller's six nonzero parameters.
  (func $pair_and_locals (param $x i32) (param $y i32) (result i32) (local $z i32) (local $w i64)
    (i32.add (i32.add (i32.mul (local.get $x) (i32.const 10)) (local.get $y))
      (i32.add (local.get $z) (i32.wrap_i64 (local.get $w)))))
  (func (export "fewer_parameters") (param i32 i32 i32 i32 i32 i32) (result i32)
    (return_call $pair_and_locals (local.get 5) (local.get 0)))

  ;; Across instances: the caller reads its own memory after the library's function returned.
  (func $into_library (param $n i32) (result i32)
    (return_call $load_plus (i32.const 0) (local.get $n)))
  (func (export "across_instances") (param $n i32) (result i32)
    (i32.add (call $into_library (local.get $n)) (i32.load (i32.const 0))))
  (func (export "tail_into_library") (param $n i32) (result i32)
    (return_call $load_plus (i32.const 0) (local.get $n)))

  ;; To the host, directly and through the table, from a frame of three parameters.
  (func $into_host (param $a i32) (param $b i32) (param $c i32) (result i32)
    (return_call $host (local.get $c) (local.get $a)))
  (func (export "across_host") (param $a i32) (result i32)
    (i32.add (call $into_host (local.get $a) (i32.const 0) (i32.const 3)) (i32.load (i32.const 0))))
  (func (export "tail_host") (param i32 i32) (result i32)
    (return_call $host (local.get 1) (local.get 0)))
  (func (export "tail_host_indirect") (param i32 i32) (result i32)
    (return_call_indirect $own (type $pair) (local.get 1) (local.get 0) (i32.const 2)))

  ;; Called by the library through the host's table: the host function it tail-calls
  ;; ("env"."memory_at_zero", reading its caller's memory) must see this instance, not the
  ;; library the call returns to.
  (func $reads_memory (result i32)
    (return_call $memory_at_zero))

  ;; A callee whose frame (80 slots of locals) is far larger than its caller's.
  (func $large_frame (param $n i32) (result i32) (local v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    (local.get $n))
  (func (export "into_large_frame") (param $n i32) (result i32)
    (return_call $large_frame (local.get $n)))
)
