; Associativity of 5-bit multiplication, asked as its negation: unsat. With rewriting off
; (boolector -rwl 0) the solver bit-blasts both products and searches: a few seconds.
(set-logic QF_BV)
(declare-fun a () (_ BitVec 5))
(declare-fun b () (_ BitVec 5))
(declare-fun c () (_ BitVec 5))
(assert (distinct (bvmul a (bvmul b c)) (bvmul (bvmul a b) c)))
(check-sat)
