import CWasmEngine
import WasmBinary

/// Exception handling (spec 3.0): `throw` and `throw_ref` hand the exception to the runtime's
/// unwinder; `try_table` emits no code at all. Its catch clauses become entries of the
/// function's catch table (`CatchEntry`): the code range of the `try_table`, the tag, and
/// where the clause's label continues and its values go, so that entering and leaving a
/// `try_table` costs nothing.
extension FunctionTranslator {
    mutating func translateThrow(tag: UInt32) throws(InvalidModuleError) {
        let parameters = try context.tagParameters(tag)
        let payload = try emitCall(type: FunctionType(parameters: parameters, results: []))
        if !isDead { builder.emit(HOP_throw, pack(tag, payload)) }
        markUnreachable()
    }

    mutating func translateThrowRef() throws(InvalidModuleError) {
        let exception = read(try pop(.exnref))
        if !isDead { builder.emit(HOP_throw_ref, pack(exception, 0)) }
        markUnreachable()
    }

    mutating func translateTryTable(blockType: BlockType, catches: [CatchClause]) throws(InvalidModuleError) {
        // The clauses' labels are counted from the block around the try_table.
        var targets: [(clause: CatchClause, target: Int)] = []
        for clause in catches {
            var types = try clause.tag.map { (tag) throws(InvalidModuleError) in try context.tagParameters(tag) } ?? []
            if clause.capturesReference { types.append(.ref(ReferenceType(nullable: false, .exception))) }
            let target = try label(clause.label)
            let labelTypes = controls[target].labelTypes
            guard types.count == labelTypes.count, zip(types, labelTypes).allSatisfy({ $0.matches($1) }) else {
                throw InvalidModuleError("type mismatch: catch clause carries [\(types.map(\.description).joined(separator: " "))] to a label of [\(labelTypes.map(\.description).joined(separator: " "))]")
            }
            targets.append((clause, target))
        }
        try enterBlock(.tryTable, blockType)
        controls[current].catches = targets
    }

    /// At a `try_table`'s end (before its frame is left): one catch entry per clause.
    mutating func recordCatches() {
        let start = UInt32(controls[current].startPosition)
        let end = UInt32(builder.position)
        guard end > start else { return }  // nothing in it can throw
        for (clause, target) in controls[current].catches {
            let index = catchEntries.count
            let kind = controls[target].kind
            catchEntries.append(CatchEntry(
                start: start, end: end, tag: clause.tag ?? CatchEntry.anyTag,
                capturesReference: clause.capturesReference,
                slot: kind == .function ? 0 : controls[target].labelSlot,
                target: kind == .loop ? UInt32(controls[target].startPosition) : 0))
            switch kind {
            case .loop: break
            case .function: catchesReturning.append(index)
            default:
                pendingCatches.append(PendingCatch(entry: index, previous: controls[target].lastPendingCatch))
                controls[target].lastPendingCatch = pendingCatches.count - 1
            }
        }
    }

    /// Points the catch entries waiting for the innermost frame's end at the current position.
    mutating func patchPendingCatches(from last: Int) {
        var index = last
        while index >= 0 {
            catchEntries[pendingCatches[index].entry].target = UInt32(builder.position)
            index = pendingCatches[index].previous
        }
    }

    /// At the function's end: the `return` that catch clauses branching to the function's
    /// label continue at (their values are already in the result slots).
    mutating func emitCatchReturn() {
        guard !catchesReturning.isEmpty else { return }
        builder.markLabel()
        let position = UInt32(builder.position)
        builder.emit(HOP_return)
        for index in catchesReturning { catchEntries[index].target = position }
    }
}
