import CWasmEngine
import WasmBinary

/// Packs two 32-bit operands into one code word, the first in the low half.
@inline(__always)
func pack(_ low: UInt32, _ high: UInt32) -> UInt64 {
    UInt64(low) | UInt64(high) << 32
}

/// A comparison whose result a branch may test directly.
struct Condition {
    enum Source {
        /// `a op b`, with `b` a slot or (when `immediate`) the constant's bits.
        case compare(FusedBranch, a: UInt32, b: UInt64, immediate: Bool)
        /// `x == 0` for the i32 or i64 in `slot`.
        case isZero(slot: UInt32, is64: Bool)
    }
    var position: Int
    var operand: Int
    var source: Source
    /// The position of an `i32.eqz` of the comparison's result right after it, if the value is
    /// that: the opposite condition.
    var negatedBy: Int? = nil
}

/// An entry of the abstract operand stack.
struct Operand {
    enum Location {
        case stack
        /// The value is still in this local (byte offset); `local.set` copies it out first.
        case local(UInt32)
        /// A constant not yet written anywhere.
        case constant(UInt64, high: UInt64)
        /// An `i32.add` not yet computed: slot `base` plus `addend`, a constant or (when
        /// `isIndexed`) a slot. A load or store absorbs it into its address (its "_plus" or
        /// "_indexed" form); anything else computes it. Its inputs are locals, its own slot, or
        /// the slot just above — which the next push claims, so it is computed before that push.
        case sum(base: UInt32, addend: UInt32, isIndexed: Bool)

        /// Whether the value still depends on local `offset`, so must be computed before the
        /// local changes.
        func reads(local offset: UInt32) -> Bool {
            switch self {
            case .local(let local): local == offset
            case .sum(let base, let addend, let isIndexed): base == offset || (isIndexed && addend == offset)
            case .stack, .constant: false
            }
        }
    }
    /// nil in unreachable code, where the stack is polymorphic.
    var type: ValueType?
    var location: Location
    /// Byte offset of this height's stack slot.
    var slot: UInt32

    var slotCount: Int { type?.slotCount ?? 1 }

    var isConstant: Bool {
        if case .constant = location { true } else { false }
    }

    /// Whether this is a pending addition reading the slot just above this one: as its
    /// indexed addend, or as its base (`K + x` becomes `x + K`, and `x` was pushed after `K`).
    var readsSlotAbove: Bool {
        if case .sum(let base, let addend, let isIndexed) = location {
            base == slot + 8 || (isIndexed && addend == slot + 8)
        } else { false }
    }
}

/// A block, loop or `if` being translated, or the function itself: its signature, where its
/// label's values go, and the jumps waiting for its end.
struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else`, tryTable }
    var kind: Kind
    var parameters: [ValueType]
    var results: [ValueType]
    /// Operand count below the frame.
    var height: Int
    /// Where the label's values go.
    var labelSlot: UInt32
    /// Code position of the frame's start (a loop's branch target).
    var startPosition: Int
    var isUnreachable = false
    /// The last of the forward jumps to patch when the frame ends (a list through
    /// `FunctionTranslator.pendingJumps`), -1 for none.
    var lastPendingJump = -1
    var elseJump: CodeBuilder.Jump?
    /// The last of the catch clauses that branch to this frame's end, waiting for it (a list
    /// through `FunctionTranslator.pendingCatches`), -1 for none.
    var lastPendingCatch = -1
    /// A `try_table`'s catch clauses, with the frame each branches to.
    var catches: [(clause: CatchClause, target: Int)] = []
    /// How many locals had been set when the frame began (see `FunctionTranslator.setLocals`).
    var setLocalsHeight = 0
    /// A loop whose header has a limit check (see `LimitCheck`).
    var hasLimitCheck = false

    /// What a branch to the frame carries: a loop's parameters, anything else's results.
    var labelTypes: [ValueType] { kind == .loop ? parameters : results }
    var labelCount: Int { kind == .loop ? parameters.count : results.count }
}

/// A parameter or declared local: its frame slot's byte offset and its type.
struct Local {
    var offset: UInt32
    var type: ValueType
}

/// A forward jump waiting for its frame to end, and the one added before it for that frame
/// (-1 for none): each frame's jumps form a list in one buffer, with no array per frame.
struct PendingJump {
    var jump: CodeBuilder.Jump
    var previous: Int
}

/// One catch clause of a translated function, as the unwinder reads it (`CatchTable`): the
/// code range of its `try_table` in words, the tag (or `UInt32.max` for all), what the branch
/// carries, the first slot it goes to and the code position it continues at.
struct CatchEntry {
    var start: UInt32
    var end: UInt32
    var tag: UInt32
    var capturesReference: Bool
    var slot: UInt32
    var target: UInt32

    /// No `try_table` catches for every tag.
    static let anyTag = UInt32.max
}

/// A catch entry whose target is a frame's end, not yet known, and the one added before it
/// for that frame (-1 for none).
struct PendingCatch {
    var entry: Int
    var previous: Int
}
