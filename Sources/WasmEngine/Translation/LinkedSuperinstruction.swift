import CWasmEngine

/// A superinstruction whose operations hand values to each other in registers, with no
/// run-time comparison of slots, and may leave a result unstored. The forms and what they
/// assume are generated from `LINKED_SUPERINSTRUCTIONS` in Utilities/instructions.py
/// (`LinkedSuperinstruction.of(_:)`); `applies(to:words:)` checks the assumptions on real code.
struct LinkedSuperinstruction {
    /// A slot operand: the low or high half of one of an operation's code words.
    struct Field {
        var word: Int
        var isHigh: Bool
    }

    /// Operation `operation` of the run reads `field` from operation `source`'s result.
    struct Link {
        var operation: Int
        var field: Field
        var source: Int
    }

    var op: HOp
    var links: [Link]
    /// Operations whose result is not stored.
    var unwritten: [Int]
    /// Each operation's slot reads and writes.
    var reads: [[Field]]
    var writes: [[Field]]

    /// Whether `run` (the instructions of the plain superinstruction, in `words`) may use this
    /// form: each link's field names its source's result slot, which nothing in between writes;
    /// each unwritten result was read only by the next instruction (`resultReadOnlyByNext`),
    /// no other read in the run names its slot, and no branch lands after it.
    func applies(to run: Slice<GrowableBuffer<CodeBuilder.Emitted>>, words: GrowableBuffer<UInt64>) -> Bool {
        let starts = run.map(\.start)
        func slot(_ operation: Int, _ field: Field) -> UInt32 {
            let word = words[starts[operation] + field.word]
            return UInt32(truncatingIfNeeded: field.isHigh ? word >> 32 : word)
        }
        let result = Field(word: 1, isHigh: false)
        for link in links {
            let source = slot(link.source, result)
            guard slot(link.operation, link.field) == source else { return false }
            for between in (link.source + 1)..<link.operation
            where writes[between].contains(where: { slot(between, $0) == source }) {
                return false
            }
        }
        for operation in unwritten {
            guard run[run.startIndex + operation].resultReadOnlyByNext else { return false }
            let unstored = slot(operation, result)
            for later in (operation + 1)..<reads.count {
                if run[run.startIndex + later].isBranchTarget { return false }
                for field in reads[later] where slot(later, field) == unstored {
                    let isLinked = links.contains {
                        $0.operation == later && $0.field.word == field.word && $0.field.isHigh == field.isHigh
                    }
                    if !isLinked { return false }
                }
            }
        }
        return true
    }
}
