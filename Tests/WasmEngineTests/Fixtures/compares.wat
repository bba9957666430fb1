;; A float compared with a constant, then a branch on the result: the translator fuses the
;; three into one branch with the constant as an immediate. Each returns 1 when the branch is
;; taken. (resvg and usvg, compiled by others, went wrong when the constant was read as an
;; integer.)
(module
  (func (export "f32_eq_one") (param f32) (result i32)
    (block $taken
      (br_if $taken (f32.eq (local.get 0) (f32.const 1)))
      (return (i32.const 0)))
    (i32.const 1))
  (func (export "f32_ne_half") (param f32) (result i32)
    (if (f32.ne (local.get 0) (f32.const 0.5)) (then (return (i32.const 1))))
    (i32.const 0))
  (func (export "f64_eq_one") (param f64) (result i32)
    (block $taken
      (br_if $taken (f64.eq (local.get 0) (f64.const 1)))
      (return (i32.const 0)))
    (i32.const 1))
  (func (export "f64_ne_half") (param f64) (result i32)
    (if (f64.ne (local.get 0) (f64.const 0.5)) (then (return (i32.const 1))))
    (i32.const 0))
)
