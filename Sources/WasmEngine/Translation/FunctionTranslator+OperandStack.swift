import CWasmEngine
import WasmBinary

/// The abstract operand stack: where each value lives, and the instructions that put values
/// where a consumer needs them.
extension FunctionTranslator {
    /// The innermost frame. (Indexing, unlike `controls.last!`, does not copy the frame.)
    var current: Int {
        @inline(__always) get { controls.count - 1 }
    }

    /// Slot just above the top operand: where the next push goes.
    var stackTop: UInt32 {
        @inline(__always) get {
            guard let last = operands.last else { return stackBase }
            return last.slot + UInt32(last.slotCount * 8)
        }
    }

    /// Pushes a value and returns its slot.
    @inline(__always) @discardableResult
    mutating func push(_ type: ValueType?, _ location: Operand.Location = .stack) -> UInt32 {
        computeSumReadingAboveTop()  // this push claims the slot above the top
        let operand = Operand(type: type, location: location, slot: stackTop)
        operands.append(operand)
        maxStackEnd = max(maxStackEnd, operand.slot + UInt32(operand.slotCount * 8))
        return operand.slot
    }

    @inline(__always)
    mutating func pop(_ expected: ValueType? = nil) throws(InvalidModuleError) -> Operand {
        guard operands.count > frameHeight else {
            if isDead { return Operand(type: nil, location: .stack, slot: stackTop) }
            throw InvalidModuleError("type mismatch: expected \(expected.map(\.description) ?? "a value") but the stack is empty")
        }
        let operand = operands.removeLast()
        if let expected, let actual = operand.type, !actual.matches(expected) {
            throw InvalidModuleError("type mismatch: expected \(expected) but found \(actual)")
        }
        return operand
    }

    mutating func pop(_ types: [ValueType]) throws(InvalidModuleError) -> [Operand] {
        var popped: [Operand] = []
        popped.reserveCapacity(types.count)
        for type in types.reversed() { popped.append(try pop(type)) }
        popped.reverse()
        return popped
    }

    /// Checks that the values on top of the stack have `types` and leaves them there with
    /// those types, as popping and pushing them again would: in unreachable code, values
    /// missing below the top become typed ones.
    mutating func retypeTop(_ types: [ValueType]) throws(InvalidModuleError) {
        let first = operands.count - types.count
        if first >= frameHeight {
            var index = first
            for type in types {
                guard operands[index].type == type else { break }  // (subtypes take the slow path)
                index += 1
            }
            if index == operands.count { return }
        }
        // Unreachable code or a mismatch, which the pops report in their usual order.
        let popped = try pop(types)
        for (operand, type) in zip(popped, types) { push(type, operand.location) }
    }

    /// Checks that the innermost frame ends with exactly its results on the stack.
    mutating func checkResults(at place: String) throws(InvalidModuleError) {
        // Its fields are read one by one: a copy of the frame would retain its arrays.
        try retypeTop(controls[current].results)
        let extra = operands.count - controls[current].results.count - frameHeight
        guard extra == 0 else {
            throw InvalidModuleError("type mismatch: \(extra) values left on the stack at the end of \(place)")
        }
    }

    /// Where `operand`'s value can be read, writing a constant into its slot if needed.
    @inline(__always)
    mutating func read(_ operand: Operand) -> UInt32 {
        switch operand.location {
        case .stack: return operand.slot
        case .local(let offset): return offset
        case .constant, .sum:
            if !isDead { emitValue(operand, into: operand.slot) }
            return operand.slot
        }
    }

    /// Moves the value at `index` into its own stack slot.
    mutating func materialize(_ index: Int) {
        let operand = operands[index]
        switch operand.location {
        case .stack: return
        case .local(let offset):
            if !isDead { emitCopy(from: offset, to: operand.slot, type: operand.type) }
        case .constant:
            if !isDead { emitValue(operand, into: operand.slot) }
        case .sum:
            // The addition is the only reader of its inputs: the value on the stack is its sum now.
            let producer = producerJustBefore(operand)
            if !isDead { emitValue(operand, into: operand.slot) }
            builder.markResultReadOnlyByNext(producer: producer)
        }
        operands[index].location = .stack
    }

    /// Computes the top operand if it is a pending addition reading the slot just above it
    /// (see `Operand.Location.sum`), before something is written there.
    @inline(__always)
    mutating func computeSumReadingAboveTop() {
        if let last = operands.last, last.readsSlotAbove { materialize(operands.count - 1) }
    }

    mutating func materializeAll(from start: Int = 0) {
        for index in start..<operands.count { materialize(index) }
    }

    /// Whether a value on the stack still reads local `offset`.
    @inline(__always)
    func hasPendingReads(ofLocal offset: UInt32) -> Bool {
        for operand in operands.buffer where operand.location.reads(local: offset) { return true }
        return false
    }

    /// Copies pending reads of local `offset` before the local changes.
    @inline(__always)
    mutating func preserveLocal(_ offset: UInt32) {
        guard hasPendingReads(ofLocal: offset) else { return }
        for index in 0..<operands.count where operands[index].location.reads(local: offset) {
            materialize(index)
        }
    }

    // MARK: - Emission

    mutating func emitCopy(from source: UInt32, to destination: UInt32, type: ValueType?) {
        guard source != destination else { return }
        builder.emitCopy(pack(destination, source))
        if type == .v128 { builder.emitCopy(pack(destination + 8, source + 8)) }
    }

    mutating func emitConstant(_ bits: UInt64, high: UInt64, type: ValueType?, into slot: UInt32) {
        builder.emitConstant(bits, into: slot)
        if type == .v128 { builder.emitConstant(high, into: slot + 8) }
    }

    /// Writes a value not yet in any slot (a constant or a pending addition) into `slot`.
    @inline(__always)
    mutating func emitValue(_ operand: Operand, into slot: UInt32) {
        switch operand.location {
        case .constant(let bits, let high):
            emitConstant(bits, high: high, type: operand.type, into: slot)
        case .sum(let base, let addend, let isIndexed):
            builder.emit(isIndexed ? HOP_i32_add : HOP_i32_add_imm, pack(slot, base), UInt64(addend))
        case .stack:
            emitCopy(from: operand.slot, to: slot, type: operand.type)
        case .local(let offset):
            emitCopy(from: offset, to: slot, type: operand.type)
        }
    }

    /// Emits `[op] [result|high] [extra]` (extra only if given) and pushes the result,
    /// remembering the instruction so a following `local.set` can retarget it.
    @inline(__always)
    mutating func emitProducer(_ op: HOp, result: ValueType, high: UInt32, extra: UInt64? = nil) {
        let slot = push(result)
        guard !isDead else { return }
        let first = pack(slot, high)
        let position = extra.map { builder.emit(op, first, $0) } ?? builder.emit(op, first)
        builder.lastProducer = (position, operands.count - 1)
    }

    /// Emits `[op] [result|high] [extra] [last]` and pushes the result, like `emitProducer`.
    mutating func emitProducer(_ op: HOp, result: ValueType, high: UInt32, extra: UInt64, last: UInt64) {
        let slot = push(result)
        guard !isDead else { return }
        let position = builder.emit(op, pack(slot, high), extra, last)
        builder.lastProducer = (position, operands.count - 1)
    }

    /// The instruction emitted last, when it produced `operand`'s value (which a consumer
    /// has just popped, its reads done, and is about to emit). Once the consumer is emitted,
    /// `builder.markResultReadOnlyByNext(producer:)` records that it is that value's only
    /// reader, so a linked superinstruction may leave the value unstored.
    @inline(__always)
    func producerJustBefore(_ operand: Operand) -> Int? {
        guard !isDead, let producer = builder.lastProducer, builder.isLastInstruction(producer.position) else { return nil }
        let result = UInt32(truncatingIfNeeded: builder.words[producer.position + 1])
        switch operand.location {
        case .stack where operand.slot == result: return producer.position
        case .sum(let base, let addend, let isIndexed) where base == result || (isIndexed && addend == result):
            return producer.position
        default: return nil
        }
    }
}
