;; A module laid out exactly as the AssemblyScript compiler (asc 0.28, --exportRuntime) lays
;; one out, written by hand because asc cannot be installed here: 20-byte object headers in
;; front of 16-byte aligned payloads, UTF-16 strings (class id 2), ArrayBuffer (1), typed
;; arrays, Array<T> and StaticArray<T> through RTTI at __rtti_base, the runtime exports
;; __new/__pin/__unpin/__collect (a bump allocator; pinning twice or unpinning an unpinned
;; object aborts as the incremental runtime does), and the imports env.abort, env.trace and
;; env.seed. For AssemblyScriptTests; its signatures are in assemblyscript.as.json.
(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "trace" (func $trace (param i32 i32 f64 f64 f64 f64 f64)))
  (import "env" "seed" (func $seed (result f64)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1344))
  (global $rtti (export "__rtti_base") i32 (i32.const 1008))
  ;; RTTI: count 7, then flags by class id: Object, ArrayBuffer, String, Int32Array (view,
  ;; align 2, signed), Array<i32> (array, align 2, signed), Array<string> (array, align 2,
  ;; managed), StaticArray<f64> (static array, align 3, float).
  (data (i32.const 1008) "\07\00\00\00" "\00\00\00\00" "\20\00\00\00" "\20\00\00\00"
        "\01\09\00\00" "\02\09\00\00" "\02\41\00\00" "\04\12\00\00")
  ;; Static strings, as asc lays them out: a 20-byte header (mmInfo, gcInfo, gcInfo2, rtId 2,
  ;; rtSize) right before each 16-byte aligned payload. The last two are a string with a lone
  ;; surrogate (WTF-16, which AS allows) and one whose size is odd (not UTF-16).
  (data (i32.const 1052) "\2c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0e\00\00\00" "\48\00\65\00\6c\00\6c\00\6f\00\2c\00\20\00")  ;; hello
  (data (i32.const 1100) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\02\00\00\00" "\21\00")  ;; bang
  (data (i32.const 1132) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\08\00\00\00" "\62\00\6f\00\6f\00\6d\00")  ;; boom
  (data (i32.const 1164) "\3c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\22\00\00\00" "\61\00\73\00\73\00\65\00\6d\00\62\00\6c\00\79\00\2f\00\69\00\6e\00\64\00\65\00\78\00\2e\00\74\00\73\00")  ;; file
  (data (i32.const 1228) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0c\00\00\00" "\74\00\72\00\61\00\63\00\65\00\64\00")  ;; traced
  (data (i32.const 1260) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\06\00\00\00" "\61\00\00\d8\62\00")  ;; lone
  (data (i32.const 1292) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\03\00\00\00" "\61\62\63")  ;; odd

  ;; The runtime.
  (func $new (export "__new") (param $size i32) (param $id i32) (result i32)
    (local $payload i32) (local $needed i32)
    (if (i32.gt_u (local.get $size) (i32.const 0x3fffffec)) (then (call $abort (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (unreachable)))
    ;; Payload 16-byte aligned, header right before it.
    (local.set $payload (i32.and (i32.add (i32.add (global.get $heap) (i32.const 20)) (i32.const 15)) (i32.const -16)))
    (global.set $heap (i32.add (local.get $payload) (local.get $size)))
    (local.set $needed (i32.shr_u (i32.add (global.get $heap) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $needed) (memory.size))
      (then (if (i32.lt_s (memory.grow (i32.sub (local.get $needed) (memory.size))) (i32.const 0)) (then (unreachable)))))
    (i32.store (i32.sub (local.get $payload) (i32.const 20)) (i32.add (local.get $size) (i32.const 16)))
    (i32.store (i32.sub (local.get $payload) (i32.const 16)) (i32.const 0))
    (i32.store (i32.sub (local.get $payload) (i32.const 12)) (i32.const 0))
    (i32.store (i32.sub (local.get $payload) (i32.const 8)) (local.get $id))
    (i32.store (i32.sub (local.get $payload) (i32.const 4)) (local.get $size))
    (memory.fill (local.get $payload) (i32.const 0) (local.get $size))
    (local.get $payload))
  ;; Pinned: colour 3 in the low bits of gcInfo.
  (func (export "__pin") (param $ptr i32) (result i32)
    (if (local.get $ptr)
      (then
        (if (i32.eq (i32.and (i32.load (i32.sub (local.get $ptr) (i32.const 16))) (i32.const 3)) (i32.const 3))
          (then (call $abort (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)) (unreachable)))
        (i32.store (i32.sub (local.get $ptr) (i32.const 16)) (i32.const 3))))
    (local.get $ptr))
  (func (export "__unpin") (param $ptr i32)
    (if (local.get $ptr)
      (then
        (if (i32.ne (i32.and (i32.load (i32.sub (local.get $ptr) (i32.const 16))) (i32.const 3)) (i32.const 3))
          (then (call $abort (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 2)) (unreachable)))
        (i32.store (i32.sub (local.get $ptr) (i32.const 16)) (i32.const 0)))))
  (func (export "__collect"))

  (func $units (param $s i32) (result i32) (i32.shr_u (i32.load (i32.sub (local.get $s) (i32.const 4))) (i32.const 1)))

  ;; "Hello, " + name + "!"
  (func (export "greet") (param $name i32) (result i32)
    (local $out i32) (local $n i32)
    (local.set $n (call $units (local.get $name)))
    (local.set $out (call $new (i32.shl (i32.add (local.get $n) (i32.const 8)) (i32.const 1)) (i32.const 2)))
    (memory.copy (local.get $out) (i32.const 1072) (i32.const 14))
    (memory.copy (i32.add (local.get $out) (i32.const 14)) (local.get $name) (i32.shl (local.get $n) (i32.const 1)))
    (i32.store16 (i32.add (local.get $out) (i32.add (i32.const 14) (i32.shl (local.get $n) (i32.const 1)))) (i32.const 33))
    (local.get $out))
  (func (export "strlen") (param $s i32) (result i32) (call $units (local.get $s)))

  ;; Sums an Int32Array (dataStart @4, byteLength @8) or an Array<i32> (also length @12).
  (func $sumRange (param $start i32) (param $count i32) (result i32)
    (local $sum i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $count)))
      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $start))))
      (local.set $start (i32.add (local.get $start) (i32.const 4)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br $next)))
    (local.get $sum))
  (func (export "sumTyped") (param $a i32) (result i32)
    (call $sumRange (i32.load offset=4 (local.get $a)) (i32.shr_u (i32.load offset=8 (local.get $a)) (i32.const 2))))
  (func (export "sumArray") (param $a i32) (result i32)
    (call $sumRange (i32.load offset=4 (local.get $a)) (i32.load offset=12 (local.get $a))))
  ;; Total code units of an Array<string>.
  (func (export "totalLength") (param $a i32) (result i32)
    (local $i i32) (local $total i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.load offset=12 (local.get $a))))
      (local.set $total (i32.add (local.get $total)
        (call $units (i32.load (i32.add (i32.load offset=4 (local.get $a)) (i32.shl (local.get $i) (i32.const 2)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $total))
  ;; [0, 1, ..., n-1] as an Array<i32> (class id 4).
  (func (export "range") (param $n i32) (result i32)
    (local $buffer i32) (local $array i32) (local $i i32)
    (local.set $buffer (call $new (i32.shl (local.get $n) (i32.const 2)) (i32.const 1)))
    (local.set $array (call $new (i32.const 16) (i32.const 4)))
    (i32.store (local.get $array) (local.get $buffer))
    (i32.store offset=4 (local.get $array) (local.get $buffer))
    (i32.store offset=8 (local.get $array) (i32.shl (local.get $n) (i32.const 2)))
    (i32.store offset=12 (local.get $array) (local.get $n))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $buffer) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $array))
  ;; Each element times k, as a new StaticArray<f64> (class id 6).
  (func (export "scale") (param $a i32) (param $k f64) (result i32)
    (local $size i32) (local $out i32) (local $i i32)
    (local.set $size (i32.load (i32.sub (local.get $a) (i32.const 4))))
    (local.set $out (call $new (local.get $size) (i32.const 6)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
      (f64.store (i32.add (local.get $out) (local.get $i))
        (f64.mul (f64.load (i32.add (local.get $a) (local.get $i))) (local.get $k)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $next)))
    (local.get $out))
  ;; An ArrayBuffer of the bytes 0..n-1.
  (func (export "bytes") (param $n i32) (result i32)
    (local $out i32) (local $i i32)
    (local.set $out (call $new (local.get $n) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $out))
  ;; The byte length of an ArrayBuffer and whether a bool is set, and an i64 doubled.
  (func (export "byteLength") (param $b i32) (result i32) (i32.load (i32.sub (local.get $b) (i32.const 4))))
  (func (export "negate") (param $b i32) (result i32) (i32.eqz (local.get $b)))
  (func (export "double64") (param $x i64) (result i64) (i64.mul (local.get $x) (i64.const 2)))
  (func (export "maybe") (param $give i32) (result i32) (select (i32.const 1120) (i32.const 0) (local.get $give)))

  ;; throw new Error("boom") at assembly/index.ts:12:5, as asc compiles it.
  (func (export "fail") (call $abort (i32.const 1152) (i32.const 1184) (i32.const 12) (i32.const 5)) (unreachable))
  (func (export "traced") (result f64)
    (call $trace (i32.const 1248) (i32.const 2) (f64.const 1.5) (f64.const 2.5) (f64.const 0) (f64.const 0) (f64.const 0))
    (call $seed))

  ;; Results a host must refuse or read leniently.
  (func (export "outside") (result i32) (i32.const 0x7ffffff0))
  (func (export "huge") (result i32) (i32.const 1120))
  (func (export "lone") (result i32) (i32.const 1280))
  (func (export "odd") (result i32) (i32.const 1312))
  ;; An Array<i32> returned where the sidecar says Int32Array.
  (func (export "wrongClass") (result i32) (call $new (i32.const 16) (i32.const 4)))
  (func (export "setHuge") (i32.store (i32.const 1116) (i32.const 0x7ffffff0)))
)
