;; Exceptions for ExceptionTests: thrown and caught in one function, across calls, across the
;; host (host tags imported), rethrown with throw_ref, caught to a loop's and the function's
;; label, and left uncaught. Built with `wat2wasm --enable-all` (build.sh).
(module
  (import "host" "error" (tag $host (param i32)))
  (import "host" "throw" (func $host_throw (param i32)))
  (import "host" "call_back" (func $host_call_back (param i32) (result i32)))
  (tag $e (export "e") (param i32 i64))
  (tag $empty (export "empty"))

  (func $thrower (export "thrower") (param $x i32)
    (if (i32.eqz (local.get $x)) (then (return)))
    (throw $e (local.get $x) (i64.extend_i32_u (local.get $x))))

  ;; Calls itself $depth times, then throws: the frames in between are unwound.
  (func $deep (param $depth i32)
    (if (i32.eqz (local.get $depth)) (then (throw $e (i32.const 7) (i64.const 70))))
    (call $deep (i32.sub (local.get $depth) (i32.const 1))))

  ;; The payload of $e thrown by a callee, summed; 0 when nothing was thrown.
  (func (export "catch_payload") (param $x i32) (result i64)
    (local $second i64)
    (block $caught (result i32 i64)
      (try_table (catch $e $caught) (call $thrower (local.get $x)))
      (return (i64.const 0)))
    (local.set $second)
    (i64.add (i64.extend_i32_u) (local.get $second)))

  (func (export "catch_deep") (param $depth i32) (result i32)
    (block $caught (result i32 i64)
      (try_table (catch $e $caught) (call $deep (local.get $depth)))
      (return (i32.const -1)))
    (drop))

  ;; Inner try_table catches $empty only; $e passes it to the outer catch_all.
  (func (export "nested") (param $which i32) (result i32)
    (block $all
      (block $inner
        (try_table (catch_all $all)
          (try_table (catch $empty $inner)
            (if (local.get $which) (then (throw $empty)) (else (call $thrower (i32.const 1)))))))
      (return (i32.const 1)))
    (i32.const 2))

  ;; catch_all_ref, then throw_ref: the same exception reaches the outer handler.
  (func (export "rethrow") (result i32)
    (block $outer (result i32 i64)
      (try_table (catch $e $outer)
        (block $cleanup (result exnref)
          (try_table (catch_all_ref $cleanup) (call $thrower (i32.const 5)))
          (unreachable))
        (throw_ref))
      (unreachable))
    (drop))

  ;; Caught to a loop's label: retried until the callee stops throwing.
  (func (export "retry") (result i32)
    (local $tries i32)
    (loop $again
      (local.set $tries (i32.add (local.get $tries) (i32.const 1)))
      (try_table (catch_all $again)
        (call $thrower (i32.sub (i32.const 3) (local.get $tries)))))
    (local.get $tries))

  ;; Caught to the function's own label: the payload is the result.
  (func (export "to_function_label") (param $x i32) (result i32 i64)
    (try_table (catch $e 0) (call $thrower (local.get $x)))
    (i32.const 0) (i64.const 0))

  ;; Throws and catches $n times; returns how many were caught.
  (func (export "throw_and_catch") (param $n i32) (result i32)
    (local $caught i32)
    (loop $next
      (block $handler
        (try_table (catch_all $handler) (call $thrower (i32.const 1))))
      (local.set $caught (i32.add (local.get $caught) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $caught) (local.get $n))))
    (local.get $caught))

  ;; Exceptions delivered as exnrefs: dropped ($n of them), or kept in a global and rethrown.
  (global $kept (mut exnref) (ref.null exn))
  (func (export "drop_refs") (param $n i32) (result i32)
    (local $i i32)
    (loop $next
      (block $handler (result exnref)
        (try_table (catch_all_ref $handler) (call $thrower (i32.const 1)))
        (unreachable))
      (drop)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func (export "keep_ref") (param $x i32)
    (block $handler (result exnref)
      (try_table (catch_all_ref $handler) (call $thrower (local.get $x)))
      (unreachable))
    (global.set $kept))
  (func (export "rethrow_kept") (result i32)
    (block $caught (result i32 i64)
      (try_table (catch $e $caught) (throw_ref (global.get $kept)))
      (unreachable))
    (drop))

  (func (export "uncaught") (param $x i32) (call $thrower (local.get $x)))

  ;; A host function throws a host tag, caught here.
  (func (export "catch_host") (param $x i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $host $caught) (call $host_throw (local.get $x)))
      (return (i32.const -1))))

  ;; A host function throws, and nothing in the guest catches it.
  (func (export "host_uncaught") (param $x i32) (call $host_throw (local.get $x)))

  ;; The host calls back into "uncaught"; what the host lets through is caught here.
  (func (export "through_host") (param $x i32) (result i32)
    (block $caught (result i32 i64)
      (try_table (catch $e $caught) (return (call $host_call_back (local.get $x))))
      (unreachable))
    (drop))
)
