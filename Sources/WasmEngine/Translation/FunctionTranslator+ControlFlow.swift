import CWasmEngine
import WasmBinary

/// Blocks, branches and calls: label slots, the copies a branch makes, and jumps patched
/// once their targets are known.
extension FunctionTranslator {
    @inline(__always)
    mutating func translateUnreachable() throws(InvalidModuleError) {
        if !isDead { builder.emit(HOP_unreachable) }
        markUnreachable()
    }

    @inline(__always)
    mutating func translateNop() throws(InvalidModuleError) {}

    @inline(__always)
    mutating func translateBlock(blockType: BlockType) throws(InvalidModuleError) {
        try enterBlock(.block, blockType)
    }

    @inline(__always)
    mutating func translateLoop(blockType: BlockType) throws(InvalidModuleError) {
        try enterBlock(.loop, blockType)
    }

    @inline(__always)
    mutating func translateIf(blockType: BlockType) throws(InvalidModuleError) {
        let conditionIndex = operands.count - 1
        let condition = try pop(.i32)
        try enterBlock(.if, blockType)
        if !isDead {
            controls[current].elseJump = emitBranch(on: condition, at: conditionIndex, whenTrue: false)
        }
    }

    @inline(__always)
    mutating func translateBr(label depth: UInt32) throws(InvalidModuleError) {
        let target = try label(depth)
        try retypeTop(controls[target].labelTypes)
        emitBranchCopies(to: target)
        emitJump(to: target)
        markUnreachable()
    }

    @inline(__always)
    mutating func translateReturn() throws(InvalidModuleError) {
        try retypeTop(controls[0].labelTypes)
        emitBranchCopies(to: 0)
        emitJump(to: 0)
        markUnreachable()
    }

    @inline(__always)
    mutating func translateCall(function index: UInt32) throws(InvalidModuleError) {
        let type = try signatures.ofFunction(index, in: context)
        let argumentBase = try emitCall(type: type)
        if !isDead { builder.emit(checksLimits ? HOP_call_checked : HOP_call, pack(index, argumentBase)) }
        pushResults(of: type)
    }

    @inline(__always)
    mutating func translateCallIndirect(type typeIndex: UInt32, table tableIndex: UInt32) throws(InvalidModuleError) {
        let (signature, elementSlot) = try popIndirectCallee(type: typeIndex, table: tableIndex, by: "call_indirect")
        let argumentBase = try emitCall(type: signature)
        if !isDead {
            builder.emit(checksLimits ? HOP_call_indirect_checked : HOP_call_indirect, pack(typeIndex, tableIndex), pack(argumentBase, elementSlot))
        }
        pushResults(of: signature)
    }

    /// A tail call: the callee's arguments go into slots as for a call, and `return_call`
    /// moves them down to the frame's start and runs the callee in this function's place.
    @inline(__always)
    mutating func translateReturnCall(function index: UInt32) throws(InvalidModuleError) {
        let type = try signatures.ofFunction(index, in: context)
        try checkTailCallResults(of: type, by: "return_call")
        let argumentBase = try emitCall(type: type)
        if !isDead { builder.emit(HOP_return_call, pack(index, argumentBase)) }
        markUnreachable()
    }

    @inline(__always)
    mutating func translateReturnCallIndirect(type typeIndex: UInt32, table tableIndex: UInt32) throws(InvalidModuleError) {
        let (signature, elementSlot) = try popIndirectCallee(type: typeIndex, table: tableIndex, by: "return_call_indirect")
        try checkTailCallResults(of: signature, by: "return_call_indirect")
        let argumentBase = try emitCall(type: signature)
        if !isDead { builder.emit(HOP_return_call_indirect, pack(typeIndex, tableIndex), pack(argumentBase, elementSlot)) }
        markUnreachable()
    }

    /// Checks the table and type of an indirect call and pops its element index: the callee's
    /// signature, and the slot its index is read from.
    mutating func popIndirectCallee(
        type typeIndex: UInt32, table tableIndex: UInt32, by instruction: StaticString
    ) throws(InvalidModuleError) -> (FunctionType, UInt32) {
        let table = try context.table(at: tableIndex)
        guard table.elementType.matches(.funcref) else { throw InvalidModuleError("type mismatch: \(instruction) needs a funcref table") }
        let signature = try signatures.ofType(typeIndex)
        let element = try pop(.i32)
        return (signature, read(element))
    }

    /// A tail callee returns to this function's caller, so its results must match this
    /// function's (the validation rule of `return_call` in the 3.0 spec: a subtype will do).
    @inline(__always)
    func checkTailCallResults(of callee: FunctionType, by instruction: StaticString) throws(InvalidModuleError) {
        let results = controls[0].results
        guard callee.results.count == results.count, zip(callee.results, results).allSatisfy({ $0.matches($1) }) else {
            throw InvalidModuleError(
                "type mismatch: \(instruction) to a function returning [\(callee.results.map(\.description).joined(separator: " "))] "
                    + "in one returning [\(results.map(\.description).joined(separator: " "))]")
        }
    }

    mutating func enterBlock(_ kind: ControlFrame.Kind, _ blockType: BlockType) throws(InvalidModuleError) {
        let signature = try signatures.ofBlock(blockType)
        try retypeTop(signature.parameters)
        // Values below and entering a block must not depend on locals the block may change.
        materializeAll()
        let height = operands.count - signature.parameters.count
        let labelSlot = height < operands.count ? operands[height].slot : stackTop
        enter(ControlFrame(
            kind: kind, parameters: signature.parameters, results: signature.results,
            height: height, labelSlot: labelSlot, startPosition: builder.position,
            isUnreachable: false, setLocalsHeight: setLocals.count))
        if kind == .loop {
            builder.markLabel()
            if checksLimits {
                controls[current].hasLimitCheck = true
                openLimitCheck()
            }
        }
    }

    /// Checks the frame's results are on the stack and moves them into the label slots.
    mutating func checkFrameEnd() throws(InvalidModuleError) {
        try checkResults(at: "a block")
        materializeAll(from: frameHeight)
        operands.removeLast(controls[current].results.count)
    }

    mutating func label(_ depth: UInt32) throws(InvalidModuleError) -> Int {
        guard depth < controls.count else { throw InvalidModuleError("unknown label \(depth)") }
        return controls.count - 1 - Int(depth)
    }

    /// Copies the branch values on top of the stack into the label's slots.
    /// `unconditional` is false when other paths continue after the copies (`br_if`, `br_table`).
    mutating func emitBranchCopies(to target: Int, unconditional: Bool = true) {
        guard !isDead else { return }
        let count = controls[target].labelCount
        if controls[target].kind == .function {
            emitResultCopies(count: count, unconditional: unconditional)
            return
        }
        var destination = controls[target].labelSlot
        for operand in operands.suffix(count) {
            emitValue(operand, into: destination)
            destination += UInt32(operand.slotCount * 8)
        }
    }

    /// Moves the top `count` operands into the result slots at the frame's start. Leaves the
    /// abstract stack unchanged: on a conditional branch the copies run on one path only.
    mutating func emitResultCopies(count: Int, unconditional: Bool) {
        if count == 1 {
            // A single result just computed can be written straight into the result slot. Only
            // on an unconditional return: slot 0 is also local 0, which other paths may still read.
            let result = operands[operands.count - 1]
            if unconditional, case .stack = result.location, let producer = builder.lastProducer,
               producer.operand == operands.count - 1, builder.isLastInstruction(producer.position) {
                builder.retargetResult(of: producer.position, to: 0)
                return
            }
            // One value cannot overwrite another's source.
            emitValue(result, into: 0)
            return
        }
        let values = operands.suffix(count)
        let resultEnd = UInt32(values.reduce(0) { $0 + $1.slotCount } * 8)
        // A result read from a low local could be overwritten by an earlier result, so such
        // locals go through their stack slots (which lie above every result slot).
        var sources: [UInt32?] = []
        for operand in values {
            switch operand.location {
            case .local(let offset) where offset < resultEnd:
                emitCopy(from: offset, to: operand.slot, type: operand.type)
                sources.append(operand.slot)
            case .local(let offset): sources.append(offset)
            case .stack: sources.append(operand.slot)
            case .sum:
                // Its inputs may be low locals too.
                emitValue(operand, into: operand.slot)
                sources.append(operand.slot)
            case .constant: sources.append(nil)
            }
        }
        var destination: UInt32 = 0
        for (operand, source) in zip(values, sources) {
            if let source {
                emitCopy(from: source, to: destination, type: operand.type)
            } else {
                emitValue(operand, into: destination)
            }
            destination += UInt32(operand.slotCount * 8)
        }
    }

    /// Emits a jump to label `target` (already holding its values).
    mutating func emitJump(to target: Int) {
        guard !isDead else { return }
        if controls[target].kind == .function {
            builder.emit(HOP_return)
            return
        }
        bind(CodeBuilder.Jump(position: builder.emit(HOP_br, 0), word: 1, half: .full), to: target)
    }

    /// Points `jump` at label `target`: a loop's start, now, or the end of any other frame, when
    /// it ends. A back edge to a loop with a limit check, when `jump` is the branch just
    /// emitted, becomes the branch's checked form, which does the check's work and lands after
    /// it; a `br_table` entry (`isTableEntry`) lands on the check, which runs as on entry.
    mutating func bind(_ jump: CodeBuilder.Jump, to target: Int, isTableEntry: Bool = false) {
        guard controls[target].kind == .loop else { return addPendingJump(jump, to: target) }
        guard controls[target].hasLimitCheck, !isTableEntry else {
            return builder.patch(jump, target: controls[target].startPosition)
        }
        let checked = hearth_checked_branch(builder.lastOp(at: jump.position))
        precondition(checked != HOP_COUNT, "a back edge without a checked form")
        builder.replaceLastOp(at: jump.position, with: checked)
        builder.patch(jump, target: controls[target].startPosition + LimitCheck.words)
    }

    /// Adds `jump` to those patched when frame `target` ends.
    mutating func addPendingJump(_ jump: CodeBuilder.Jump, to target: Int) {
        pendingJumps.append(PendingJump(jump: jump, previous: controls[target].lastPendingJump))
        controls[target].lastPendingJump = pendingJumps.count - 1
    }

    /// Points the jumps of the list ending at `last` at the current position.
    mutating func patchPendingJumps(from last: Int) {
        var index = last
        while index >= 0 {
            builder.patch(pendingJumps[index].jump, target: builder.position)
            index = pendingJumps[index].previous
        }
    }

    /// Emits a branch taken when `condition` (the operand that was at `index`) is nonzero, or
    /// zero when `whenTrue` is false. A comparison or `eqz` emitted just before (or a comparison
    /// and an `i32.eqz` of it: the opposite comparison) is folded into the branch. Returns the
    /// jump to patch.
    mutating func emitBranch(on condition: Operand, at index: Int, whenTrue: Bool) -> CodeBuilder.Jump {
        if let fused = lastCondition, fused.operand == index, builder.isLastInstruction(fused.negatedBy ?? fused.position),
           case .stack = condition.location {
            builder.truncate(to: fused.position)
            lastCondition = nil
            let whenTrue = fused.negatedBy == nil ? whenTrue : !whenTrue
            switch fused.source {
            case .compare(let branch, let a, let b, let immediate):
                if immediate {
                    let op = whenTrue ? branch.immediate : branch.negatedImmediate
                    return CodeBuilder.Jump(position: builder.emit(op, UInt64(a), b, 0), word: 3, half: .full)
                }
                let op = whenTrue ? branch.slot : branch.negatedSlot
                return CodeBuilder.Jump(position: builder.emit(op, pack(a, UInt32(b)), 0), word: 2, half: .full)
            case .isZero(let slot, let is64):
                let op = is64 ? (whenTrue ? HOP_br_i64_eqz : HOP_br_i64_nez) : (whenTrue ? HOP_br_if_eqz : HOP_br_if_nez)
                return CodeBuilder.Jump(position: builder.emit(op, pack(slot, 0)), word: 1, half: .high)
            }
        }
        let slot = read(condition)
        let position = builder.emit(whenTrue ? HOP_br_if_nez : HOP_br_if_eqz, pack(slot, 0))
        return CodeBuilder.Jump(position: position, word: 1, half: .high)
    }

    mutating func markUnreachable() {
        operands.removeLast(operands.count - frameHeight)
        controls[current].isUnreachable = true
        isDead = true
    }

    mutating func enter(_ frame: ControlFrame) {
        controls.append(frame)
        frameHeight = frame.height
        isDead = frame.isUnreachable
    }

    mutating func leaveFrame() {
        controls.removeLast()
        guard !controls.isEmpty else {
            isComplete = true
            return
        }
        frameHeight = controls[current].height
        isDead = controls[current].isUnreachable
    }

    mutating func translateElse() throws(InvalidModuleError) {
        guard controls[current].kind == .if else { throw InvalidModuleError(malformed: "else without matching if") }
        try checkFrameEnd()
        resetLocalsSetInFrame()
        if !isDead {
            let position = builder.emit(HOP_br, 0)
            addPendingJump(.init(position: position, word: 1, half: .full), to: current)
        }
        builder.markLabel()
        if let jump = controls[current].elseJump {
            builder.patch(jump, target: builder.position)
            controls[current].elseJump = nil
        }
        controls[current].kind = .else
        controls[current].isUnreachable = false
        isDead = false
        operands.removeLast(operands.count - frameHeight)
        // The else arm starts with the block's parameters, still in their slots.
        for parameter in controls[current].parameters { push(parameter) }
    }

    mutating func translateEnd() throws(InvalidModuleError) {
        let kind = controls[current].kind
        if kind == .if && controls[current].parameters != controls[current].results {
            throw InvalidModuleError("type mismatch: if without else must leave its parameters unchanged")
        }
        if kind == .function {
            try checkResults(at: "the function")
            if !isDead {
                emitResultCopies(count: controls[current].results.count, unconditional: true)
                builder.emit(HOP_return)
            }
            if checksLimits { closeLimitCheck() }
            emitCatchReturn()
            leaveFrame()
            return
        }
        try checkFrameEnd()
        if kind == .tryTable { recordCatches() }
        if controls[current].hasLimitCheck { closeLimitCheck() }
        resetLocalsSetInFrame()
        let lastPendingJump = controls[current].lastPendingJump
        let lastPendingCatch = controls[current].lastPendingCatch
        let elseJump = controls[current].elseJump
        let results = controls[current].results
        leaveFrame()
        builder.markLabel()
        patchPendingJumps(from: lastPendingJump)
        patchPendingCatches(from: lastPendingCatch)
        if let jump = elseJump { builder.patch(jump, target: builder.position) }
        for type in results { push(type) }
    }

    mutating func translateBrIf(label depth: UInt32) throws(InvalidModuleError) {
        let target = try label(depth)
        let conditionIndex = operands.count - 1
        let condition = try pop(.i32)
        try retypeTop(controls[target].labelTypes)
        guard !isDead else { return }
        if needsCopies(target: target) {
            let skip = emitBranch(on: condition, at: conditionIndex, whenTrue: false)
            emitBranchCopies(to: target, unconditional: false)
            emitJump(to: target)
            builder.markLabel()
            builder.patch(skip, target: builder.position)
        } else {
            let jump = emitBranch(on: condition, at: conditionIndex, whenTrue: true)
            bind(jump, to: target)
        }
    }

    /// Whether the values a branch to `target` carries (on top of the stack) must be copied
    /// into the label's slots.
    /// (Inlined: called as a method, it copied the whole translator.)
    @inline(__always)
    func needsCopies(target: Int) -> Bool {
        // Fields read one by one: copying the frame would retain its arrays.
        if controls[target].kind == .function { return true }
        var destination = controls[target].labelSlot
        for index in (operands.count - controls[target].labelCount)..<operands.count {
            let operand = operands[index]
            if case .stack = operand.location, operand.slot == destination {
                destination += UInt32(operand.slotCount * 8)
                continue
            }
            return true
        }
        return false
    }

    mutating func translateBrTable(labels depths: [UInt32], defaultLabel defaultDepth: UInt32) throws(InvalidModuleError) {
        let index = try pop(.i32)
        let indexSlot = read(index)
        let defaultTarget = try label(defaultDepth)
        let arity = controls[defaultTarget].labelTypes.count
        var targets: [Int] = []
        for depth in depths {
            let target = try label(depth)
            guard controls[target].labelTypes.count == arity else {
                throw InvalidModuleError("type mismatch: br_table targets have different arities")
            }
            targets.append(target)
        }
        // Each target's types must match the operands; unknown operands match anything.
        for target in targets + [defaultTarget] {
            let types = controls[target].labelTypes
            let available = operands.count - frameHeight
            for (offset, type) in types.reversed().enumerated() {
                if offset >= available {
                    if isDead { continue }
                    throw InvalidModuleError("type mismatch: br_table needs \(types.count) values")
                }
                if let actual = operands[operands.count - 1 - offset].type, !actual.matches(type) {
                    throw InvalidModuleError("type mismatch: br_table target expects \(type) but found \(actual)")
                }
            }
        }
        if !isDead {
            let all = targets + [defaultTarget]
            // [br_table] [index|count], then per entry [target's code word] [offset]; the code
            // words are filled in last (`fillTableEntries`), when each target's is final.
            let position = builder.emitTable(index: indexSlot, count: targets.count)
            // An entry whose label finds its values in place (or takes none) jumps straight to
            // it; any other jumps to a small stub that copies the values and branches (or returns).
            for (entry, target) in all.enumerated() {
                let jump = CodeBuilder.Jump(position: position, word: 3 + 2 * entry, half: .full)
                if !needsCopies(target: target) {
                    bind(jump, to: target, isTableEntry: true)
                    continue
                }
                builder.markLabel()
                builder.patch(jump, target: builder.position, from: position)
                emitBranchCopies(to: target, unconditional: false)
                emitJump(to: target)
            }
        }
        _ = try pop(controls[defaultTarget].labelTypes)
        markUnreachable()
    }

    /// Takes a call's arguments off the stack, in their slots: the callee's frame starts at
    /// the slot returned. The caller emits the call, then `pushResults(of:)`.
    mutating func emitCall(type: FunctionType) throws(InvalidModuleError) -> UInt32 {
        try retypeTop(type.parameters)
        materializeAll(from: operands.count - type.parameters.count)
        operands.removeLast(type.parameters.count)
        computeSumReadingAboveTop()  // the callee's frame starts at the stack top
        return stackTop
    }

    /// Pushes a call's results, which the callee left where its frame started.
    mutating func pushResults(of type: FunctionType) {
        for result in type.results { push(result) }
    }
}
