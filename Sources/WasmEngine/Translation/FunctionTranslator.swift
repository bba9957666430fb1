import CWasmEngine
import WasmBinary

/// Validates function bodies and translates them to threaded code in the same pass, one
/// function at a time. One translator serves a thread for many functions of a module: its
/// working arrays are allocated once, and each function's code is copied into the module's
/// `CodeArena` through its allocator.
///
/// The operand stack is tracked abstractly: each entry knows its type and where its value
/// lives — in its own stack slot, in a local, as a constant or as an `i32.add` not yet
/// computed — so `local.get`, constants and additions emit nothing until a consumer needs a
/// slot (a load or store absorbs an addition into its address). Every stack height has a fixed
/// frame slot after the locals, which is what branches copy values into.
struct FunctionTranslator {
    /// Not retained: a translator lives only while its module translates, and retaining the
    /// one shared context for every function made the threads of an eager translation
    /// contend for its reference count.
    unowned(unsafe) let context: ModuleContext
    /// Over the module's bytes, narrowed to the body being translated.
    private var reader: BinaryReader
    private var builder = CodeBuilder()
    private var locals = GrowableBuffer<Local>()
    private var operands = GrowableBuffer<Operand>()
    private var controls: [ControlFrame] = []
    /// Where this translator puts the code of the functions it translates.
    var codeAllocator: CodeAllocator

    // The function being translated.
    private var functionIndex: UInt32 = 0
    private var stackBase: UInt32 = 0
    private var maxStackEnd: UInt32 = 0
    /// The innermost frame's `height` and `isUnreachable`, which nearly every instruction
    /// reads, kept here by `enter(_:)`, `leaveFrame()` and `markUnreachable()`.
    private var frameHeight = 0
    private var isDead = false
    /// The comparison just emitted, which a branch on its result can absorb.
    private var lastCondition: Condition?

    init(context: ModuleContext, arena: CodeArena) {
        self.context = context
        reader = BinaryReader(bytes: context.module.bytes)
        codeAllocator = CodeAllocator(arena: arena)
    }

    /// The translated function: its code and frame shape. The code is the translator's own
    /// working memory: copy it before translating the next function.
    struct Result {
        var code: GrowableBuffer<UInt64>
        var instructions: GrowableBuffer<CodeBuilder.Emitted>
        var localSlots: UInt32
        var frameSlots: UInt32
    }

    /// Validates and translates the body `code` of function `functionIndex`.
    mutating func translate(functionIndex: UInt32, code: Code) throws(ValidationError) -> Result {
        let type = try context.functionType(at: functionIndex)
        startFunction(functionIndex, type: type, code: code)
        enter(ControlFrame(
            kind: .function, parameters: [], results: type.results, height: 0,
            labelSlot: 0, startPosition: 0))
        var instructionStart = reader.offset
        do throws(ValidationError) {
            while !controls.isEmpty {
                instructionStart = reader.offset
                try translateNextInstruction()
            }
        } catch var error {
            error.functionIndex = functionIndex
            if error.offset == nil { error.offset = instructionStart }
            throw error
        }
        guard reader.isAtEnd else {
            throw ValidationError("section size mismatch: code after the function's final end", functionIndex: functionIndex, offset: reader.offset)
        }
        builder.formSuperinstructions()
        let paramSlots = UInt32(type.parameters.reduce(0) { $0 + $1.slotCount })
        return Result(
            code: builder.words,
            instructions: builder.instructions,
            localSlots: stackBase / 8 - paramSlots,
            frameSlots: maxStackEnd / 8)
    }

    /// Empties the working arrays (an invalid function may have left them in any state) and
    /// lays out the frame: parameters, then declared locals, then the operand stack.
    private mutating func startFunction(_ index: UInt32, type: FunctionType, code: Code) {
        functionIndex = index
        operands.removeAll()
        // Empty but after an invalid function (emptying an empty array still costs a call).
        if !controls.isEmpty { controls.removeAll(keepingCapacity: true) }
        builder.reset()
        // Sized up front: growing the code step by step was a visible part of translation.
        builder.reserveCapacity(words: code.body.count * 2)
        lastCondition = nil
        locals.removeAll()
        var next: UInt32 = 0
        for parameter in type.parameters {
            locals.append(Local(offset: next, type: parameter))
            next += UInt32(parameter.slotCount * 8)
        }
        // The local groups were checked to decode when the module was parsed.
        reader.offset = code.localsRange.lowerBound
        reader.limit = code.localsRange.upperBound
        for _ in 0..<code.localGroups {
            guard let count = try? reader.readU32(), let type = try? reader.readValueType() else { break }
            for _ in 0..<count {
                locals.append(Local(offset: next, type: type))
                next += UInt32(type.slotCount * 8)
            }
        }
        reader.offset = code.body.lowerBound
        reader.limit = code.body.upperBound
        stackBase = next
        maxStackEnd = max(next, UInt32(type.results.reduce(0) { $0 + $1.slotCount } * 8))
    }

    // MARK: - The operand stack

    /// The innermost frame. (Indexing, unlike `controls.last!`, does not copy the frame.)
    private var current: Int { controls.count - 1 }

    /// Slot just above the top operand: where the next push goes.
    private var stackTop: UInt32 {
        guard let last = operands.last else { return stackBase }
        return last.slot + UInt32(last.slotCount * 8)
    }

    /// Pushes a value and returns its slot.
    @inline(__always) @discardableResult
    private mutating func push(_ type: ValueType?, _ location: Operand.Location = .stack) -> UInt32 {
        computeSumReadingAboveTop()  // this push claims the slot above the top
        let operand = Operand(type: type, location: location, slot: stackTop)
        operands.append(operand)
        maxStackEnd = max(maxStackEnd, operand.slot + UInt32(operand.slotCount * 8))
        return operand.slot
    }

    @inline(__always)
    private mutating func pop(_ expected: ValueType? = nil) throws(ValidationError) -> Operand {
        guard operands.count > frameHeight else {
            if isDead { return Operand(type: nil, location: .stack, slot: stackTop) }
            throw ValidationError("type mismatch: expected \(expected.map(\.description) ?? "a value") but the stack is empty")
        }
        let operand = operands.removeLast()
        if let expected, let actual = operand.type, actual != expected {
            throw ValidationError("type mismatch: expected \(expected) but found \(actual)")
        }
        return operand
    }

    private mutating func pop(_ types: [ValueType]) throws(ValidationError) -> [Operand] {
        var popped: [Operand] = []
        popped.reserveCapacity(types.count)
        for type in types.reversed() { popped.append(try pop(type)) }
        popped.reverse()
        return popped
    }

    /// Checks that the values on top of the stack have `types` and leaves them there with
    /// those types, as popping and pushing them again would: in unreachable code, values
    /// missing below the top become typed ones.
    private mutating func retypeTop(_ types: [ValueType]) throws(ValidationError) {
        let first = operands.count - types.count
        if first >= frameHeight {
            var index = first
            for type in types {
                guard operands[index].type == type else { break }
                index += 1
            }
            if index == operands.count { return }
        }
        // Unreachable code or a mismatch, which the pops report in their usual order.
        let popped = try pop(types)
        for (operand, type) in zip(popped, types) { push(type, operand.location) }
    }

    /// Checks that the innermost frame ends with exactly its results on the stack.
    private mutating func checkResults(of frame: ControlFrame, at place: String) throws(ValidationError) {
        try retypeTop(frame.results)
        let extra = operands.count - frame.results.count - frame.height
        guard extra == 0 else {
            throw ValidationError("type mismatch: \(extra) values left on the stack at the end of \(place)")
        }
    }

    /// Where `operand`'s value can be read, writing a constant into its slot if needed.
    @inline(__always)
    private mutating func read(_ operand: Operand) -> UInt32 {
        switch operand.location {
        case .stack: return operand.slot
        case .local(let offset): return offset
        case .constant, .sum:
            if !isDead { emitValue(operand, into: operand.slot) }
            return operand.slot
        }
    }

    /// Moves the value at `index` into its own stack slot.
    private mutating func materialize(_ index: Int) {
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
    private mutating func computeSumReadingAboveTop() {
        if let last = operands.last, last.readsSlotAbove { materialize(operands.count - 1) }
    }

    private mutating func materializeAll(from start: Int = 0) {
        for index in start..<operands.count { materialize(index) }
    }

    /// Whether a value on the stack still reads local `offset`.
    @inline(__always)
    private func hasPendingReads(ofLocal offset: UInt32) -> Bool {
        for operand in operands.buffer where operand.location.reads(local: offset) { return true }
        return false
    }

    /// Copies pending reads of local `offset` before the local changes.
    @inline(__always)
    private mutating func preserveLocal(_ offset: UInt32) {
        guard hasPendingReads(ofLocal: offset) else { return }
        for index in 0..<operands.count where operands[index].location.reads(local: offset) {
            materialize(index)
        }
    }

    // MARK: - Emission

    private mutating func emitCopy(from source: UInt32, to destination: UInt32, type: ValueType?) {
        guard source != destination else { return }
        builder.emitCopy(pack(destination, source))
        if type == .v128 { builder.emitCopy(pack(destination + 8, source + 8)) }
    }

    private mutating func emitConstant(_ bits: UInt64, high: UInt64, type: ValueType?, into slot: UInt32) {
        builder.emit(HOP_const, UInt64(slot), bits)
        if type == .v128 { builder.emit(HOP_const, UInt64(slot + 8), high) }
    }

    /// Writes a value not yet in any slot (a constant or a pending addition) into `slot`.
    private mutating func emitValue(_ operand: Operand, into slot: UInt32) {
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
    private mutating func emitProducer(_ op: HOp, result: ValueType, high: UInt32, extra: UInt64? = nil) {
        let slot = push(result)
        guard !isDead else { return }
        let first = pack(slot, high)
        let position = extra.map { builder.emit(op, first, $0) } ?? builder.emit(op, first)
        builder.lastProducer = (position, operands.count - 1)
    }

    /// The instruction emitted last, when it produced `operand`'s value (which a consumer
    /// has just popped, its reads done, and is about to emit). Once the consumer is emitted,
    /// `builder.markResultReadOnlyByNext(producer:)` records that it is that value's only
    /// reader, so a linked superinstruction may leave the value unstored.
    @inline(__always)
    private func producerJustBefore(_ operand: Operand) -> Int? {
        guard !isDead, let producer = builder.lastProducer, builder.isLastInstruction(producer.position) else { return nil }
        let result = UInt32(truncatingIfNeeded: builder.words[producer.position + 1])
        switch operand.location {
        case .stack where operand.slot == result: return producer.position
        case .sum(let base, let addend, let isIndexed) where base == result || (isIndexed && addend == result):
            return producer.position
        default: return nil
        }
    }

    // MARK: - Control frames

    private mutating func enterBlock(_ kind: ControlFrame.Kind, _ blockType: BlockType) throws(ValidationError) {
        let signature = try context.blockType(blockType)
        try retypeTop(signature.parameters)
        // Values below and entering a block must not depend on locals the block may change.
        materializeAll()
        let height = operands.count - signature.parameters.count
        let labelSlot = height < operands.count ? operands[height].slot : stackTop
        enter(ControlFrame(
            kind: kind, parameters: signature.parameters, results: signature.results,
            height: height, labelSlot: labelSlot, startPosition: builder.position,
            isUnreachable: false))
        if kind == .loop { builder.markLabel() }
    }

    /// Checks the frame's results are on the stack and moves them into the label slots.
    private mutating func checkFrameEnd() throws(ValidationError) {
        let frame = controls.last!
        try checkResults(of: frame, at: "a block")
        materializeAll(from: frame.height)
        operands.removeLast(frame.results.count)
    }

    private mutating func label(_ depth: UInt32) throws(ValidationError) -> Int {
        guard depth < controls.count else { throw ValidationError("unknown label \(depth)") }
        return controls.count - 1 - Int(depth)
    }

    /// Copies the branch values on top of the stack into the label's slots.
    /// `unconditional` is false when other paths continue after the copies (`br_if`, `br_table`).
    private mutating func emitBranchCopies(to target: Int, unconditional: Bool = true) {
        guard !isDead else { return }
        let frame = controls[target]
        let count = frame.labelTypes.count
        if frame.kind == .function {
            emitResultCopies(count: count, unconditional: unconditional)
            return
        }
        var destination = frame.labelSlot
        for operand in operands.suffix(count) {
            emitValue(operand, into: destination)
            destination += UInt32(operand.slotCount * 8)
        }
    }

    /// Moves the top `count` operands into the result slots at the frame's start. Leaves the
    /// abstract stack unchanged: on a conditional branch the copies run on one path only.
    private mutating func emitResultCopies(count: Int, unconditional: Bool) {
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
    private mutating func emitJump(to target: Int) {
        guard !isDead else { return }
        if controls[target].kind == .function {
            builder.emit(HOP_return)
            return
        }
        bind(CodeBuilder.Jump(position: builder.emit(HOP_br, 0), word: 1, half: .full), to: target)
    }

    private mutating func bind(_ jump: CodeBuilder.Jump, to target: Int) {
        let frame = controls[target]
        if frame.kind == .loop {
            builder.patch(jump, target: frame.startPosition)
        } else {
            controls[target].pendingJumps.append(jump)
        }
    }

    /// Emits a branch taken when `condition` (the operand that was at `index`) is nonzero, or
    /// zero when `whenTrue` is false. A comparison or `eqz` emitted just before is folded into
    /// the branch. Returns the jump to patch.
    private mutating func emitBranch(on condition: Operand, at index: Int, whenTrue: Bool) -> CodeBuilder.Jump {
        if let fused = lastCondition, fused.operand == index, builder.isLastInstruction(fused.position),
           case .stack = condition.location {
            builder.truncate(to: fused.position)
            lastCondition = nil
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

    private mutating func markUnreachable() {
        operands.removeLast(operands.count - frameHeight)
        controls[current].isUnreachable = true
        isDead = true
    }

    private mutating func enter(_ frame: ControlFrame) {
        controls.append(frame)
        frameHeight = frame.height
        isDead = frame.isUnreachable
    }

    private mutating func leaveFrame() {
        controls.removeLast()
        guard !controls.isEmpty else { return }
        frameHeight = controls[current].height
        isDead = controls[current].isUnreachable
    }

    // MARK: - Decoding

    // The body's bytes are decoded right here, one dispatch on the opcode with the immediates
    // read where they are used: building a decoded instruction value and switching over it
    // again cost about a quarter of translation. A decoding error carries its own offset.

    @inline(__always)
    private mutating func readByte() throws(ValidationError) -> UInt8 {
        do { return try reader.readByte() } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    private mutating func readIndex() throws(ValidationError) -> UInt32 {
        do { return try reader.readU32() } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    private mutating func readSigned(bits: Int) throws(ValidationError) -> Int64 {
        do { return try reader.readSigned(bits: bits) } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    private mutating func readMemArg() throws(ValidationError) -> MemArg {
        do { return try reader.readMemArg() } catch { throw ValidationError(decoding: error) }
    }

    private mutating func readBlockType() throws(ValidationError) -> BlockType {
        do { return try reader.readBlockType() } catch { throw ValidationError(decoding: error) }
    }

    private mutating func readZeroByte() throws(ValidationError) {
        do { try reader.readZeroByte() } catch { throw ValidationError(decoding: error) }
    }

    private mutating func readFixed(bytes count: Int) throws(ValidationError) -> UInt64 {
        do {
            return try reader.readBytes(count).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        } catch {
            throw ValidationError(decoding: error)
        }
    }

    // MARK: - Instructions

    /// Decodes and translates one instruction. (Inlined into the loop: a call per instruction
    /// cost a large stack frame's prologue and epilogue each time.)
    @inline(__always)
    private mutating func translateNextInstruction() throws(ValidationError) {
        let opcode = try readByte()
        switch opcode {
        case 0x00:  // unreachable
            if !isDead { builder.emit(HOP_unreachable) }
            markUnreachable()
        case 0x01:  // nop
            break
        case 0x02:
            try enterBlock(.block, readBlockType())
        case 0x03:
            try enterBlock(.loop, readBlockType())
        case 0x04:  // if
            let blockType = try readBlockType()
            let conditionIndex = operands.count - 1
            let condition = try pop(.i32)
            try enterBlock(.if, blockType)
            if !isDead {
                controls[controls.count - 1].elseJump = emitBranch(on: condition, at: conditionIndex, whenTrue: false)
            }
        case 0x05:
            try translateElse()
        case 0x0B:
            try translateEnd()
        case 0x0C:  // br
            let target = try label(readIndex())
            try retypeTop(controls[target].labelTypes)
            emitBranchCopies(to: target)
            emitJump(to: target)
            markUnreachable()
        case 0x0D:
            try translateBrIf(label(readIndex()))
        case 0x0E:
            try translateBrTable()
        case 0x0F:  // return
            try retypeTop(controls[0].labelTypes)
            emitBranchCopies(to: 0)
            emitJump(to: 0)
            markUnreachable()
        case 0x10:  // call
            let index = try readIndex()
            try emitCall(type: try context.functionType(at: index)) { argumentBase in
                (HOP_call, [pack(index, argumentBase)])
            }
        case 0x11:  // call_indirect
            let typeIndex = try readIndex()
            let tableIndex = try readIndex()
            let table = try context.table(at: tableIndex)
            guard table.elementType == .funcref else { throw ValidationError("type mismatch: call_indirect needs a funcref table") }
            let signature = try context.type(at: typeIndex)
            let element = try pop(.i32)
            let elementSlot = read(element)
            try emitCall(type: signature) { argumentBase in
                (HOP_call_indirect, [pack(typeIndex, tableIndex), pack(argumentBase, elementSlot)])
            }
        case 0x1A:  // drop
            _ = try pop()
        case 0x1B:
            try translateSelect()
        case 0x1C:  // select with a type vector, valid only with exactly one type
            let count: Int
            do { count = try reader.readCount() } catch { throw ValidationError(decoding: error) }
            var types: [ValueType] = []
            for _ in 0..<count {
                do { types.append(try reader.readValueType()) } catch { throw ValidationError(decoding: error) }
            }
            guard types.count == 1 else { throw ValidationError("invalid result arity for select") }
            try translateSelect(type: types[0])
        case 0x20:  // local.get
            let local = try local(readIndex())
            push(local.type, .local(local.offset))
        case 0x21:  // local.set
            try setLocal(local(readIndex()), keep: false)
        case 0x22:  // local.tee
            try setLocal(local(readIndex()), keep: true)
        case 0x23:  // global.get
            let index = try readIndex()
            let global = try context.global(at: index)
            emitProducer(global.valueType == .v128 ? HOP_global_get_v128 : HOP_global_get, result: global.valueType, high: index)
        case 0x24:  // global.set
            let index = try readIndex()
            let global = try context.global(at: index)
            guard global.isMutable else { throw ValidationError("global is immutable: global \(index)") }
            let value = try pop(global.valueType)
            let slot = read(value)
            if !isDead { builder.emit(global.valueType == .v128 ? HOP_global_set_v128 : HOP_global_set, pack(slot, index)) }
        case 0x25:  // table.get
            let index = try readIndex()
            let table = try context.table(at: index)
            let element = read(try pop(.i32))
            emitProducer(HOP_table_get, result: table.elementType, high: element, extra: UInt64(index))
        case 0x26:  // table.set
            let index = try readIndex()
            let table = try context.table(at: index)
            let value = read(try pop(table.elementType))
            let element = read(try pop(.i32))
            if !isDead { builder.emit(HOP_table_set, pack(element, value), UInt64(index)) }
        case 0x28...0x35:
            try translateLoad(LoadOp(rawValue: opcode)!, readMemArg())
        case 0x36...0x3E:
            try translateStore(StoreOp(rawValue: opcode)!, readMemArg())
        case 0x3F:  // memory.size
            try readZeroByte()
            try context.requireMemory()
            emitProducer(HOP_memory_size, result: .i32, high: 0)
        case 0x40:  // memory.grow
            try readZeroByte()
            try context.requireMemory()
            let delta = read(try pop(.i32))
            emitProducer(HOP_memory_grow, result: .i32, high: delta)
        case 0x41:  // i32.const
            push(.i32, .constant(UInt64(UInt32(truncatingIfNeeded: try readSigned(bits: 32))), high: 0))
        case 0x42:  // i64.const
            push(.i64, .constant(UInt64(bitPattern: try readSigned(bits: 64)), high: 0))
        case 0x43:  // f32.const: raw bits, so NaN payloads survive
            push(.f32, .constant(try readFixed(bytes: 4), high: 0))
        case 0x44:
            push(.f64, .constant(try readFixed(bytes: 8), high: 0))
        case 0x45...0xC4:
            try emitNumeric(NumericOp(rawValue: opcode)!)
        case 0xD0:  // ref.null
            let type: ValueType
            do { type = try reader.readReferenceType() } catch { throw ValidationError(decoding: error) }
            push(type, .constant(0, high: 0))
        case 0xD1:  // ref.is_null
            let operand = try pop()
            if let type = operand.type, !type.isReference {
                throw ValidationError("type mismatch: ref.is_null needs a reference, found \(type)")
            }
            let source = read(operand)
            emitProducer(HOP_ref_is_null, result: .i32, high: source)
        case 0xD2:  // ref.func
            let index = try readIndex()
            _ = try context.functionType(at: index)
            guard context.declaredReferences.contains(index) else {
                throw ValidationError("undeclared function reference \(index)")
            }
            emitProducer(HOP_ref_func, result: .funcref, high: index)
        case 0xFC:
            try translatePrefixedFC()
        case 0xFD:
            let simd: (SIMDOp, SIMDImmediate)
            do { simd = try reader.readSIMD(start: reader.offset - 1) } catch { throw ValidationError(decoding: error) }
            try translateSIMD(simd.0, simd.1)
        default:
            throw ValidationError("illegal opcode 0x\(String(opcode, radix: 16))")
        }
    }

    private mutating func translateElse() throws(ValidationError) {
        var frame = controls.last!
        guard frame.kind == .if else { throw ValidationError("else without matching if") }
        try checkFrameEnd()
        if !isDead {
            let position = builder.emit(HOP_br, 0)
            frame.pendingJumps.append(.init(position: position, word: 1, half: .full))
        }
        builder.markLabel()
        if let jump = frame.elseJump {
            builder.patch(jump, target: builder.position)
            frame.elseJump = nil
        }
        frame.kind = .else
        frame.isUnreachable = false
        controls[controls.count - 1] = frame
        isDead = false
        operands.removeLast(operands.count - frame.height)
        // The else arm starts with the block's parameters, still in their slots.
        for parameter in frame.parameters { push(parameter) }
    }

    private mutating func translateEnd() throws(ValidationError) {
        let frame = controls.last!
        if frame.kind == .if && frame.parameters != frame.results {
            throw ValidationError("type mismatch: if without else must leave its parameters unchanged")
        }
        if frame.kind == .function {
            try checkResults(of: frame, at: "the function")
            if !isDead {
                emitResultCopies(count: frame.results.count, unconditional: true)
                builder.emit(HOP_return)
            }
            leaveFrame()
            return
        }
        try checkFrameEnd()
        leaveFrame()
        builder.markLabel()
        for jump in frame.pendingJumps { builder.patch(jump, target: builder.position) }
        if let jump = frame.elseJump { builder.patch(jump, target: builder.position) }
        for type in frame.results { push(type) }
    }

    private mutating func translateBrIf(_ target: Int) throws(ValidationError) {
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

    private mutating func translateLoad(_ op: LoadOp, _ memArg: MemArg) throws(ValidationError) {
        try context.requireMemory()
        let access = op.access
        try checkAlignment(memArg, bytes: access.bytes)
        let address = try pop(.i32)
        if case .sum(let base, let addend, let isIndexed) = address.location {
            let producer = producerJustBefore(address)
            emitProducer(isIndexed ? op.indexedOp : op.plusOp, result: access.type, high: base,
                         extra: pack(addend, UInt32(memArg.offset)))
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            emitProducer(op.absoluteOp, result: access.type, high: 0, extra: UInt64(UInt32(truncatingIfNeeded: bits)) + memArg.offset)
        } else {
            let addressSlot = read(address)
            let producer = producerJustBefore(address)
            emitProducer(op.op, result: access.type, high: addressSlot, extra: memArg.offset)
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    private mutating func translateStore(_ op: StoreOp, _ memArg: MemArg) throws(ValidationError) {
        try context.requireMemory()
        let access = op.access
        try checkAlignment(memArg, bytes: access.bytes)
        let value = try pop(access.type)
        let address = try pop(.i32)
        if case .sum(let base, let addend, let isIndexed) = address.location {
            let valueSlot = read(value)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead {
                builder.emit(isIndexed ? op.indexedOp : op.plusOp, pack(base, valueSlot), pack(addend, UInt32(memArg.offset)))
            }
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            let valueSlot = read(value)
            let producer = producerJustBefore(value)
            if !isDead { builder.emit(op.absoluteOp, pack(0, valueSlot), UInt64(UInt32(truncatingIfNeeded: bits)) + memArg.offset) }
            builder.markResultReadOnlyByNext(producer: producer)
        } else {
            let valueSlot = read(value)
            let addressSlot = read(address)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead { builder.emit(op.op, pack(addressSlot, valueSlot), memArg.offset) }
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    /// The instructions after the 0xFC prefix: saturating conversions and bulk memory and
    /// table operations.
    private mutating func translatePrefixedFC() throws(ValidationError) {
        let prefixStart = reader.offset - 1
        let code = try readIndex()
        switch code {
        case 0...7:
            let op = SaturatingOp(rawValue: UInt8(code))!
            try emitOperator(op.op, op.shape)
        case 8:  // memory.init
            let dataIndex = try readIndex()
            try readZeroByte()
            try context.requireMemory()
            try context.requireDataSegment(dataIndex)
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_init, pack(destination, source), pack(count, dataIndex)) }
        case 9:  // data.drop
            let dataIndex = try readIndex()
            try context.requireDataSegment(dataIndex)
            if !isDead { builder.emit(HOP_data_drop, UInt64(dataIndex)) }
        case 10:  // memory.copy
            try readZeroByte()
            try readZeroByte()
            try context.requireMemory()
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_copy, pack(destination, source), UInt64(count)) }
        case 11:  // memory.fill
            try readZeroByte()
            try context.requireMemory()
            let (destination, value, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_fill, pack(destination, value), UInt64(count)) }
        case 12:  // table.init
            let elementIndex = try readIndex()
            let tableIndex = try readIndex()
            let table = try context.table(at: tableIndex)
            let segment = try context.elementSegment(at: elementIndex)
            guard segment.type == table.elementType else {
                throw ValidationError("type mismatch: table.init of \(segment.type) into a table of \(table.elementType)")
            }
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead {
                builder.emit(HOP_table_init, pack(destination, source), pack(count, tableIndex), UInt64(elementIndex))
            }
        case 13:  // elem.drop
            let elementIndex = try readIndex()
            _ = try context.elementSegment(at: elementIndex)
            if !isDead { builder.emit(HOP_elem_drop, UInt64(elementIndex)) }
        case 14:  // table.copy
            let destinationTable = try readIndex()
            let sourceTable = try readIndex()
            let destinationType = try context.table(at: destinationTable)
            let sourceType = try context.table(at: sourceTable)
            guard destinationType.elementType == sourceType.elementType else {
                throw ValidationError("type mismatch: table.copy between tables of different types")
            }
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead {
                builder.emit(HOP_table_copy, pack(destination, source), UInt64(count), pack(destinationTable, sourceTable))
            }
        case 15:  // table.grow
            let index = try readIndex()
            let table = try context.table(at: index)
            let count = read(try pop(.i32))
            let initial = read(try pop(table.elementType))
            emitProducer(HOP_table_grow, result: .i32, high: initial, extra: pack(count, index))
        case 16:  // table.size
            let index = try readIndex()
            _ = try context.table(at: index)
            emitProducer(HOP_table_size, result: .i32, high: index)
        case 17:  // table.fill
            let index = try readIndex()
            let table = try context.table(at: index)
            let count = read(try pop(.i32))
            let value = read(try pop(table.elementType))
            let start = read(try pop(.i32))
            if !isDead { builder.emit(HOP_table_fill, pack(start, value), pack(count, index)) }
        default:
            throw ValidationError("illegal opcode 0xfc \(code)", offset: prefixStart)
        }
    }

    @inline(__always)
    private mutating func local(_ index: UInt32) throws(ValidationError) -> Local {
        guard Int(index) < locals.count else { throw ValidationError("unknown local \(index)") }
        return locals[Int(index)]
    }

    /// `local.set`, or with `keep` `local.tee`, which leaves the value on the stack, read from
    /// the local.
    private mutating func setLocal(_ local: Local, keep: Bool) throws(ValidationError) {
        let value = try pop(local.type)
        if !isDead { storeLocal(value, into: local.offset) }
        if keep { push(local.type, .local(local.offset)) }
    }

    @inline(__always)
    private mutating func storeLocal(_ value: Operand, into offset: UInt32) {
        if case .local(offset) = value.location { return }
        if case .stack = value.location, let producer = builder.lastProducer,
           producer.operand == operands.count, builder.isLastInstruction(producer.position) {
            // Write the result straight into the local.
            guard hasPendingReads(ofLocal: offset) else {
                builder.retargetResult(of: producer.position, to: offset)
                builder.lastProducer = nil
                return
            }
            // Pending reads of the local are copied out first, so the producer moves after
            // those copies (it reads none of their slots).
            let instruction = builder.removeLastInstruction()
            lastCondition = nil
            preserveLocal(offset)
            let position = builder.append(instruction)
            builder.retargetResult(of: position, to: offset)
            return
        }
        preserveLocal(offset)
        let producer = producerJustBefore(value)
        emitValue(value, into: offset)
        builder.markResultReadOnlyByNext(producer: producer)
    }

    private mutating func popThree(_ a: ValueType, _ b: ValueType, _ c: ValueType) throws(ValidationError) -> (UInt32, UInt32, UInt32) {
        let third = read(try pop(c))
        let second = read(try pop(b))
        let first = read(try pop(a))
        return (first, second, third)
    }

    private func checkAlignment(_ memArg: MemArg, bytes: Int) throws(ValidationError) {
        guard memArg.align < 32, 1 << memArg.align <= bytes else {
            throw ValidationError("alignment must not be larger than natural")
        }
    }

    /// Whether the values a branch to `target` carries (on top of the stack) must be copied
    /// into the label's slots.
    private func needsCopies(target: Int) -> Bool {
        let frame = controls[target]
        if frame.kind == .function { return true }
        var destination = frame.labelSlot
        for operand in operands.suffix(frame.labelTypes.count) {
            if case .stack = operand.location, operand.slot == destination {
                destination += UInt32(operand.slotCount * 8)
                continue
            }
            return true
        }
        return false
    }

    private mutating func translateBrTable() throws(ValidationError) {
        let count: Int
        do { count = try reader.readCount() } catch { throw ValidationError(decoding: error) }
        var depths: [UInt32] = []
        depths.reserveCapacity(count)
        for _ in 0..<count { depths.append(try readIndex()) }
        let defaultDepth = try readIndex()
        let index = try pop(.i32)
        let indexSlot = read(index)
        let defaultTarget = try label(defaultDepth)
        let arity = controls[defaultTarget].labelTypes.count
        var targets: [Int] = []
        for depth in depths {
            let target = try label(depth)
            guard controls[target].labelTypes.count == arity else {
                throw ValidationError("type mismatch: br_table targets have different arities")
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
                    throw ValidationError("type mismatch: br_table needs \(types.count) values")
                }
                if let actual = operands[operands.count - 1 - offset].type, actual != type {
                    throw ValidationError("type mismatch: br_table target expects \(type) but found \(actual)")
                }
            }
        }
        if !isDead {
            let all = targets + [defaultTarget]
            let position = builder.emit(HOP_br_table, [pack(indexSlot, UInt32(targets.count))] + Array(repeating: 0, count: all.count))
            // Each entry jumps to a small stub that copies the values and branches.
            for (entry, target) in all.enumerated() {
                builder.markLabel()
                builder.patch(.init(position: position, word: 2 + entry, half: .full), target: builder.position, from: position)
                emitBranchCopies(to: target, unconditional: false)
                emitJump(to: target)
            }
        }
        _ = try pop(controls[defaultTarget].labelTypes)
        markUnreachable()
    }

    /// `select`, or with `type` the typed `select` (which may choose references).
    private mutating func translateSelect(type: ValueType? = nil) throws(ValidationError) {
        let condition = read(try pop(.i32))
        if let type {
            let second = try pop(type)
            let first = try pop(type)
            try emitSelect(first, second, condition, type: type)
            return
        }
        let second = try pop()
        let first = try pop()
        let resultType: ValueType?
        switch (first.type, second.type) {
        case (let a?, let b?):
            guard a == b else { throw ValidationError("type mismatch: select operands \(a) and \(b)") }
            resultType = a
        case (let a?, nil): resultType = a
        case (nil, let b?): resultType = b
        case (nil, nil): resultType = nil
        }
        if let resultType, resultType.isReference {
            throw ValidationError("type mismatch: untyped select cannot choose references")
        }
        try emitSelect(first, second, condition, type: resultType)
    }

    private mutating func emitSelect(_ first: Operand, _ second: Operand, _ condition: UInt32, type: ValueType?) throws(ValidationError) {
        let a = read(first)
        let b = read(second)
        if type == .v128 {
            emitProducer(HOP_select_v128, result: .v128, high: condition, extra: pack(a, b))
            return
        }
        emitProducer(HOP_select, result: type ?? .i32, high: condition, extra: pack(a, b))
        if type == nil { operands[operands.count - 1].type = nil }
    }

    private mutating func emitCall(type: FunctionType, _ build: (UInt32) -> (HOp, [UInt64])) throws(ValidationError) {
        try retypeTop(type.parameters)
        materializeAll(from: operands.count - type.parameters.count)
        operands.removeLast(type.parameters.count)
        computeSumReadingAboveTop()  // the callee's frame starts at the stack top
        let argumentBase = stackTop
        let (op, words) = build(argumentBase)
        if !isDead { builder.emit(op, words) }
        for result in type.results { push(result) }
    }

    /// A unary or binary operator reading slots: `[op] [result|a] [b]`.
    private mutating func emitOperator(_ op: HOp, _ shape: OperatorShape) throws(ValidationError) {
        if let second = shape.second {
            let b = read(try pop(second))
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a, extra: UInt64(b))
        } else {
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a)
        }
    }

    /// A numeric instruction: its right operand becomes an immediate when it is a constant
    /// (after swapping the operands of a commutative operation if that helps), and a
    /// comparison is remembered so a following branch can absorb it.
    private mutating func emitNumeric(_ numeric: NumericOp) throws(ValidationError) {
        let facts = numeric.translation
        guard let second = facts.second, let immediateOp = facts.immediateOp else {
            let source = read(try pop(facts.first))
            emitProducer(facts.op, result: facts.result, high: source)
            if numeric == .i32Eqz || numeric == .i64Eqz {
                recordCondition(.isZero(slot: source, is64: numeric == .i64Eqz), operand: operands.count - 1)
            }
            return
        }
        var right = try pop(second)
        var left = try pop(facts.first)
        if facts.isCommutative, left.isConstant, !right.isConstant { swap(&left, &right) }
        let a = read(left)
        if case .constant(let bits, _) = right.location {
            if numeric == .i32Add {
                push(.i32, .sum(base: a, addend: UInt32(truncatingIfNeeded: bits), isIndexed: false))
                return
            }
            let producer = producerJustBefore(left)
            emitProducer(immediateOp, result: facts.result, high: a, extra: bits)
            builder.markResultReadOnlyByNext(producer: producer)
            if let branch = facts.branch {
                recordCondition(.compare(branch, a: a, b: bits, immediate: true), operand: operands.count - 1)
            }
        } else {
            let b = read(right)
            if numeric == .i32Add {
                push(.i32, .sum(base: a, addend: b, isIndexed: true))
                return
            }
            let producer = producerJustBefore(left) ?? producerJustBefore(right)
            emitProducer(facts.op, result: facts.result, high: a, extra: UInt64(b))
            builder.markResultReadOnlyByNext(producer: producer)
            if let branch = facts.branch {
                recordCondition(.compare(branch, a: a, b: UInt64(b), immediate: false), operand: operands.count - 1)
            }
        }
    }

    private mutating func recordCondition(_ source: Condition.Source, operand: Int) {
        guard !isDead, let producer = builder.lastProducer else { return }
        lastCondition = Condition(position: producer.position, operand: operand, source: source)
    }

    private mutating func translateSIMD(_ op: SIMDOp, _ immediate: SIMDImmediate) throws(ValidationError) {
        switch immediate {
        case .memArg(let memArg), .memArgLane(let memArg, _):
            try context.requireMemory()
            guard memArg.align < 32, memArg.align <= op.naturalAlignment ?? 0 else {
                throw ValidationError("alignment must not be larger than natural")
            }
        default: break
        }
        switch (op.immediate, immediate) {
        case (.lane(let count), .lane(let lane)), (.memArgLane(let count), .memArgLane(_, let lane)):
            guard Int(lane) < count else { throw ValidationError("invalid lane index \(lane)") }
        case (.shuffle, .v128(let lanes)):
            guard lanes.bytes.allSatisfy({ $0 < 32 }) else { throw ValidationError("invalid lane index") }
        default: break
        }
        let signature = op.signature
        if op == .v128Const, case .v128(let value) = immediate {
            push(.v128, .constant(value.low, high: value.high))
            return
        }
        let inputs = try pop(signature.params).map { read($0) }
        let handler = op.op!
        switch immediate {
        case .memArg(let memArg) where signature.result == nil:  // store: [addr|value] [offset]
            if !isDead { builder.emit(handler, pack(inputs[0], inputs[1]), memArg.offset) }
        case .memArg(let memArg):  // load: [dst|addr] [offset]
            emitProducer(handler, result: .v128, high: inputs[0], extra: memArg.offset)
        case .memArgLane(let memArg, let lane) where signature.result == nil:  // [addr|value] [offset] [lane]
            if !isDead { builder.emit(handler, pack(inputs[0], inputs[1]), memArg.offset, UInt64(lane)) }
        case .memArgLane(let memArg, let lane):  // [dst|addr] [offset] [vector|lane]
            push(.v128)
            if !isDead { builder.emit(handler, pack(operands[operands.count - 1].slot, inputs[0]), memArg.offset, pack(inputs[1], UInt32(lane))) }
        case .lane(let lane) where inputs.count == 2:  // replace: [dst|a] [x|lane]
            emitProducer(handler, result: .v128, high: inputs[0], extra: pack(inputs[1], UInt32(lane)))
        case .lane(let lane):  // extract: [dst|a] [lane]
            emitProducer(handler, result: signature.result!, high: inputs[0], extra: UInt64(lane))
        case .v128(let lanes):  // shuffle: [dst|a] [b] [lanes 0-7] [lanes 8-15]
            push(.v128)
            if !isDead {
                builder.emit(handler, pack(operands[operands.count - 1].slot, inputs[0]), UInt64(inputs[1]))
                builder.appendWords(lanes.low, lanes.high)
            }
        case .none where inputs.count == 3:  // bitselect: [dst|a] [b|c]
            emitProducer(handler, result: .v128, high: inputs[0], extra: pack(inputs[1], inputs[2]))
        case .none where inputs.count == 2:  // [dst|a] [b]
            emitProducer(handler, result: signature.result!, high: inputs[0], extra: UInt64(inputs[1]))
        case .none:  // [dst|a]
            emitProducer(handler, result: signature.result!, high: inputs[0])
        }
    }
}

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
        /// (`addend` only) the slot just above — which the next push claims, so it is computed
        /// before that push.
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

    /// Whether this is a pending addition reading the slot just above this one.
    var readsSlotAbove: Bool {
        if case .sum(_, let addend, true) = location { addend == slot + 8 } else { false }
    }
}

struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else` }
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
    var pendingJumps: [CodeBuilder.Jump] = []
    var elseJump: CodeBuilder.Jump?

    var labelTypes: [ValueType] { kind == .loop ? parameters : results }
}


/// A parameter or declared local: its frame slot's byte offset and its type.
struct Local {
    var offset: UInt32
    var type: ValueType
}
