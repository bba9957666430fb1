import CWasmEngine
import WasmBinary

/// What the translator needs of a numeric instruction, generated from the instruction
/// description (`NumericOp.translation`).
struct NumericTranslation {
    /// Operand types (`second` is nil for unary operators) and result type.
    var first: ValueType
    var second: ValueType?
    var result: ValueType
    /// The operation reading both operands from slots.
    var op: HOp
    /// The form taking its right operand as an immediate (binary operators only).
    var immediateOp: HOp?
    /// The form taking its left operand as an immediate (`[dst|b] [immediate a]`), for binary
    /// operators that are neither commutative nor comparisons.
    var leftImmediateOp: HOp?
    /// For comparisons, the comparison with its operands swapped (`x > c` for `c < x`).
    var mirrored: NumericOp?
    /// Whether the operands may be swapped (to make a constant left operand an immediate).
    var isCommutative: Bool
    /// For comparisons, for `i32.and` and `i32.or` (bit tests) and for `i32.xor` (a test for
    /// inequality), the fused branch forms.
    var branch: FusedBranch?
}

/// The compare-and-branch operations of one comparison (or bit test): taken when it holds, or
/// (`negated`) when it fails, with the right operand in a slot or as an immediate.
struct FusedBranch {
    var slot: HOp
    var immediate: HOp
    var negatedSlot: HOp
    var negatedImmediate: HOp
}
