import CWasmEngine

/// Accumulates threaded code: instruction words, forward-jump fixups, and the last
/// instruction that produced a value (so `local.set` can retarget it). Its words and records
/// are `GrowableBuffer`s, so copies of a builder share them.
struct CodeBuilder {
    private(set) var words = GrowableBuffer<UInt64>()
    /// One per instruction, in order (one array rather than three parallel ones: one append
    /// per instruction).
    private(set) var instructions = GrowableBuffer<Emitted>()
    /// The next instruction is a branch target.
    private var atLabel = false
    private var lastInstruction = -1
    /// The instruction that wrote the value now at operand index `operand`.
    var lastProducer: (position: Int, operand: Int)?

    /// Where a branch distance is stored: a whole word, or the high half of a packed word.
    enum Half { case full, high }

    /// An instruction's start in `words`, its operation, and whether a branch targets it.
    struct Emitted {
        var start: Int
        var op: HOp
        var isBranchTarget: Bool
        /// The instruction after this one is the only reader of its result (see
        /// `markResultReadOnlyByNext`).
        var resultReadOnlyByNext = false
    }

    /// `operationWordTable`, kept here: reading the global checks its lazy initialization, once
    /// per emitted instruction.
    private let operationWords = operationWordTable
    /// `accumulatorUseTable`, kept here for the same reason.
    private let accumulatorUse = accumulatorUseTable
    /// The start of every `br_table`, whose entries `fillTableEntries` completes.
    private var tables: [Int] = []

    @inline(__always)
    private func operationWord(_ op: HOp) -> UInt64 {
        operationWords[Int(op.rawValue)]
    }

    /// A branch whose distance is filled in once the target is known.
    struct Jump {
        var position: Int
        var word: Int
        var half: Half
    }

    var position: Int { words.count }

    /// Empties the builder for another function, keeping its storage.
    mutating func reset() {
        words.removeAll()
        instructions.removeAll()
        atLabel = false
        lastInstruction = -1
        lastProducer = nil
        if !tables.isEmpty { tables.removeAll() }
    }

    /// Room for about `words` code words (a function's body size is a good guess).
    mutating func reserveCapacity(words count: Int) {
        words.reserveCapacity(count)
        instructions.reserveCapacity(count / 2)
    }

    @discardableResult
    mutating func emit(_ op: HOp) -> Int {
        let start = record(op)
        words.append(operationWord(op))
        return start
    }

    @discardableResult
    @inline(__always)
    mutating func emit(_ op: HOp, _ a: UInt64) -> Int {
        let start = record(op)
        words.append(operationWord(op), a)
        return start
    }

    @discardableResult
    @inline(__always)
    mutating func emit(_ op: HOp, _ a: UInt64, _ b: UInt64) -> Int {
        let start = record(op)
        words.append(operationWord(op), a, b)
        return start
    }

    @discardableResult
    mutating func emit(_ op: HOp, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int {
        let start = record(op)
        words.append(operationWord(op), a, b)
        words.append(c)
        return start
    }

    /// A slot-to-slot copy. Two copies in a row become one `copy2` (one dispatch instead of
    /// two; they still run in order): rotating locals makes such runs common.
    mutating func emitCopy(_ operands: UInt64) {
        if lastInstruction >= 0, words[lastInstruction] == operationWord(HOP_copy) {
            words[lastInstruction] = operationWord(HOP_copy2)
            instructions[instructions.count - 1].op = HOP_copy2
            words.append(operands)
            lastProducer = nil
            return
        }
        emit(HOP_copy, operands)
    }

    /// Writes a constant into a slot. Two in a row become one `const2` (one dispatch instead of
    /// two): call arguments, `select`s of two constants and v128 halves make such runs common.
    mutating func emitConstant(_ bits: UInt64, into slot: UInt32) {
        if lastInstruction >= 0, words[lastInstruction] == operationWord(HOP_const) {
            words[lastInstruction] = operationWord(HOP_const2)
            words[lastInstruction + 1] |= UInt64(slot) << 32
            instructions[instructions.count - 1].op = HOP_const2
            words.append(bits)
            lastProducer = nil
            return
        }
        emit(HOP_const, UInt64(slot), bits)
    }

    /// Appends operand words to the instruction just emitted (for long immediates).
    mutating func appendWords(_ a: UInt64, _ b: UInt64) {
        words.append(a)
        words.append(b)
    }

    /// The operation of the instruction just emitted, which starts at `position`.
    func lastOp(at position: Int) -> HOp {
        precondition(instructions.last?.start == position, "not the last instruction")
        return instructions[instructions.count - 1].op
    }

    /// The instruction right before the last one (which starts at `position`), when no branch
    /// lands between them: its start and operation.
    func instruction(before position: Int) -> (start: Int, op: HOp)? {
        let count = instructions.count
        guard count >= 2, instructions[count - 1].start == position, !instructions[count - 1].isBranchTarget else { return nil }
        return (instructions[count - 2].start, instructions[count - 2].op)
    }

    /// Makes the instruction just emitted, which starts at `position`, another operation of
    /// the same operands.
    mutating func replaceLastOp(at position: Int, with op: HOp) {
        precondition(instructions.last?.start == position, "not the last instruction")
        instructions[instructions.count - 1].op = op
        words[position] = operationWord(op)
    }

    /// Replaces the operand word at `index` (an immediate known only later).
    mutating func setWord(_ index: Int, _ value: UInt64) {
        words[index] = value
    }

    /// Appends one operand word to the instruction just emitted.
    mutating func appendWord(_ a: UInt64) {
        words.append(a)
    }

    /// Records an instruction starting at the end of the code; the caller appends its words,
    /// its operation's first.
    @inline(__always)
    private mutating func record(_ op: HOp) -> Int {
        let start = words.count
        instructions.append(Emitted(start: start, op: op, isBranchTarget: atLabel))
        atLabel = false
        lastInstruction = start
        lastProducer = nil
        return start
    }

    /// Marks a branch target: nothing before it may be fused with what follows.
    mutating func markLabel() {
        atLabel = true
        lastInstruction = -1
        lastProducer = nil
    }

    func isLastInstruction(_ position: Int) -> Bool { position == lastInstruction }

    /// Records that the instruction just emitted is the only reader of the result of
    /// `producer` (a position, nil for none), if that is the instruction right before it.
    @inline(__always)
    mutating func markResultReadOnlyByNext(producer: Int?) {
        let count = instructions.count
        guard let producer, count >= 2, instructions[count - 2].start == producer else { return }
        instructions[count - 2].resultReadOnlyByNext = true
    }

    /// Removes the instructions from `position` on (the last one, being fused into the next).
    mutating func truncate(to position: Int) {
        words.removeLast(words.count - position)
        while let last = tables.last, last >= position { tables.removeLast() }
        while let last = instructions.last, last.start >= position {
            if instructions.removeLast().isBranchTarget { atLabel = true }
        }
        lastInstruction = -1
        lastProducer = nil
    }

    /// Removes the last instruction and returns it, to be appended again later.
    mutating func removeLastInstruction() -> (op: HOp, words: [UInt64]) {
        let last = instructions.last!
        let instruction = (last.op, Array(words[last.start...]))
        truncate(to: last.start)
        return instruction
    }

    /// Appends a whole instruction (from `removeLastInstruction`).
    mutating func append(_ instruction: (op: HOp, words: [UInt64])) -> Int {
        let start = emit(instruction.op)  // writes the operation's word again
        words.append(contentsOf: instruction.words.dropFirst())
        return start
    }

    /// Chooses each instruction's handler, once the code is complete (call once).
    ///
    /// Runs of instructions that have a superinstruction become it, left to right. Only the
    /// first instruction's code word changes: the others keep theirs, so a branch to one of
    /// them still runs it alone. A branch target that can start a superinstruction of its own
    /// is not taken into the one before it.
    ///
    /// A handler that is reached only by falling through from the one before (not a branch
    /// target; a catch lands on a block's end or a loop's start, which are targets too) reads
    /// its operand from the accumulator (`hearth_accumulator_form`) when the one before leaves
    /// that slot's value there.
    mutating func chooseHandlers() {
        var index = 0
        var accumulated: UInt32?  // the slot whose value the accumulator holds on reaching `index`
        while index < instructions.count {
            var op = instructions[index].op
            var length = 1
            while index + length < instructions.count, !startsOwnSuperinstruction(index + length) {
                let longer = hearth_superinstruction(op, instructions[index + length].op)
                if longer == HOP_COUNT { break }
                op = longer
                length += 1
            }
            if length > 1, let linked = LinkedSuperinstruction.of(op),
               linked.applies(to: instructions[index..<(index + length)], words: words) {
                op = linked.op
            }
            let start = instructions[index].start
            let use = accumulatorUse[Int(op.rawValue)]
            if let slot = accumulated, use & AccumulatorUse.hasForms != 0, !instructions[index].isBranchTarget {
                let form = hearth_accumulator_form(op, word(start + 1), word(start + 2), slot)
                if form != HOP_COUNT { op = form }
            }
            if op != instructions[index].op {
                words[start] = operationWord(op)
                instructions[index].op = op
            }
            // A run's result is its last instruction's, which leaves it in the accumulator
            // run alone too (the generator checks), as after a branch into the run.
            accumulated = use & AccumulatorUse.leaves != 0
                ? UInt32(truncatingIfNeeded: words[instructions[index + length - 1].start + 1]) : nil
            index += length
        }
    }

    /// Emits a `br_table` on `index` with `count` entries before the default one, each entry's
    /// two words zero until its target is known.
    mutating func emitTable(index: UInt32, count: Int) -> Int {
        let start = emit(HOP_br_table, UInt64(index) | UInt64(count) << 32)
        for _ in 0...count { words.append(0, 0) }
        tables.append(start)
        return start
    }

    /// Copies each `br_table` entry's target code word into the entry. Call once the handlers
    /// are chosen (`chooseHandlers`): a target's word is final then.
    mutating func fillTableEntries() {
        for start in tables {
            let entries = Int(words[start + 1] >> 32) + 1
            for entry in 0..<entries {
                let target = start + Int(Int64(bitPattern: words[start + 3 + 2 * entry]))
                // A table in code that cannot run (a block's inside after the code around it
                // became unreachable) may have an entry past the end: it would trap.
                words[start + 2 + 2 * entry] = target < words.count ? words[target] : operationWord(HOP_unreachable)
            }
        }
    }

    /// The code word at `position`, or 0 past the end (an operand word the instruction lacks).
    private func word(_ position: Int) -> UInt64 {
        position < words.count ? words[position] : 0
    }

    /// True when instruction `index` is a branch target that forms a superinstruction with the
    /// next one: then it is better left to start that one.
    private func startsOwnSuperinstruction(_ index: Int) -> Bool {
        instructions[index].isBranchTarget && index + 1 < instructions.count
            && hearth_superinstruction(instructions[index].op, instructions[index + 1].op) != HOP_COUNT
    }

    /// Rewrites the result slot (low half of the first operand word) of an instruction.
    mutating func retargetResult(of position: Int, to slot: UInt32) {
        words[position + 1] = words[position + 1] & 0xFFFF_FFFF_0000_0000 | UInt64(slot)
    }

    /// Stores the distance from the jump's instruction to `target`, in words.
    mutating func patch(_ jump: Jump, target: Int, from origin: Int? = nil) {
        patch(position: jump.position, word: jump.word, half: jump.half, target: target, from: origin)
    }

    mutating func patch(position: Int, word: Int, half: Half, target: Int, from origin: Int? = nil) {
        let distance = Int64(target - (origin ?? position))
        let index = position + word
        switch half {
        case .full: words[index] = UInt64(bitPattern: distance)
        case .high: words[index] = words[index] & 0xFFFF_FFFF | UInt64(UInt32(bitPattern: Int32(distance))) << 32
        }
    }
}

/// What an operation does with the accumulator, one byte per operation, looked up in C once.
private enum AccumulatorUse {
    /// It leaves the value it wrote last in the accumulator (`hearth_leaves_accumulator`).
    static let leaves: UInt8 = 1
    /// It has accumulator forms: with every operand word zero, the form reading slot 0 from
    /// the accumulator matches whichever field comes first.
    static let hasForms: UInt8 = 2
}

/// Never freed, like `operationWordTable`.
nonisolated(unsafe) private let accumulatorUseTable: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(HOP_COUNT.rawValue))
    for raw in 0..<HOP_COUNT.rawValue {
        let op = HOp(rawValue: raw)
        table[Int(raw)] = (hearth_leaves_accumulator(op) != 0 ? AccumulatorUse.leaves : 0)
            | (hearth_accumulator_form(op, 0, 0, 0) != HOP_COUNT ? AccumulatorUse.hasForms : 0)
    }
    return UnsafePointer(table)
}()

/// Every operation's code word, looked up in C once (`hearth_op_word` is a call the
/// translator would otherwise make for every instruction it emits). Never freed.
nonisolated(unsafe) private let operationWordTable: UnsafePointer<UInt64> = {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(HOP_COUNT.rawValue))
    for op in 0..<HOP_COUNT.rawValue { table[Int(op)] = hearth_op_word(HOp(rawValue: op)) }
    return UnsafePointer(table)
}()
