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
    var reader: BinaryReader
    var builder = CodeBuilder()
    var locals = GrowableBuffer<Local>()
    var operands = GrowableBuffer<Operand>()
    var controls: [ControlFrame] = []
    /// Every frame's forward jumps (see `ControlFrame.lastPendingJump`).
    var pendingJumps = GrowableBuffer<PendingJump>()
    /// Where this translator puts the code of the functions it translates.
    var codeAllocator: CodeAllocator
    /// The module's signatures, and those of blocks typed by one value, in arrays of this
    /// translator's: the shared ones had their reference counts updated by every thread for
    /// each function, block and call, and a typed block allocated an array each time.
    let signatures: Signatures
    /// Whether the module has a memory, which every load and store checks (asking the
    /// shared context retained it each time).
    let hasMemory: Bool

    // The function being translated.
    var functionIndex: UInt32 = 0
    var stackBase: UInt32 = 0
    var maxStackEnd: UInt32 = 0
    /// The innermost frame's `height` and `isUnreachable`, which nearly every instruction
    /// reads, kept here by `enter(_:)`, `leaveFrame()` and `markUnreachable()`.
    var frameHeight = 0
    var isDead = false
    /// Set when the function's own frame ends: the body is translated.
    var isComplete = false
    /// The comparison just emitted, which a branch on its result can absorb.
    var lastCondition: Condition?

    init(context: ModuleContext, arena: CodeArena) {
        self.context = context
        reader = BinaryReader(bytes: context.module.bytes)
        codeAllocator = CodeAllocator(arena: arena)
        signatures = Signatures(context.module.types)
        hasMemory = !context.memories.isEmpty
    }

    @inline(__always)
    func requireMemory() throws(ValidationError) {
        guard hasMemory else { throw ValidationError("unknown memory 0") }
    }

    /// Whether a large function grew the working arrays past what is worth keeping.
    var holdsLargeBuffers: Bool {
        builder.words.capacity > 64 * 1024 || operands.capacity > 4 * 1024
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
        let type = try signatures.ofFunction(functionIndex, in: context)
        startFunction(functionIndex, type: type, code: code)
        enter(ControlFrame(
            kind: .function, parameters: [], results: type.results, height: 0,
            labelSlot: 0, startPosition: 0))
        var instructionStart = reader.offset
        do throws(ValidationError) {
            while !isComplete {
                instructionStart = reader.offset
                try translateNextInstruction()
            }
        } catch var error {
            error.functionIndex = functionIndex
            if error.offset == nil { error.offset = instructionStart }
            throw error
        }
        guard reader.isAtEnd else {
            throw ValidationError(malformed: "section size mismatch: code after the function's final end", offset: reader.offset)
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
    mutating func startFunction(_ index: UInt32, type: FunctionType, code: Code) {
        functionIndex = index
        isComplete = false
        operands.removeAll()
        // Empty but after an invalid function (emptying an empty array still costs a call).
        if !controls.isEmpty { controls.removeAll(keepingCapacity: true) }
        builder.reset()
        pendingJumps.removeAll()
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
        reader.narrow(to: code.localsRange)
        for _ in 0..<code.localGroups {
            guard let count = try? reader.readU32(), let type = try? reader.readValueType() else { break }
            for _ in 0..<count {
                locals.append(Local(offset: next, type: type))
                next += UInt32(type.slotCount * 8)
            }
        }
        reader.narrow(to: code.body)
        stackBase = next
        maxStackEnd = max(next, UInt32(type.results.reduce(0) { $0 + $1.slotCount } * 8))
    }

    // MARK: - Decoding

    // The body's bytes are decoded right here, one dispatch on the opcode with the immediates
    // read where they are used: building a decoded instruction value and switching over it
    // again cost about a quarter of translation. A decoding error carries its own offset.

    @inline(__always)
    mutating func readByte() throws(ValidationError) -> UInt8 {
        do { return try reader.readByte() } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    mutating func readIndex() throws(ValidationError) -> UInt32 {
        do { return try reader.readU32() } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    mutating func readSigned(bits: Int) throws(ValidationError) -> Int64 {
        do { return try reader.readSigned(bits: bits) } catch { throw ValidationError(decoding: error) }
    }

    @inline(__always)
    mutating func readMemArg() throws(ValidationError) -> MemArg {
        do { return try reader.readMemArg() } catch { throw ValidationError(decoding: error) }
    }

    mutating func readBlockType() throws(ValidationError) -> BlockType {
        do { return try reader.readBlockType() } catch { throw ValidationError(decoding: error) }
    }

    mutating func readZeroByte() throws(ValidationError) {
        do { try reader.readZeroByte() } catch { throw ValidationError(decoding: error) }
    }

    /// A float constant's raw bits (so NaN payloads survive), 4 or 8 bytes.
    mutating func readFloatBits(bytes: Int) throws(ValidationError) -> UInt64 {
        do {
            return bytes == 4 ? UInt64(try reader.readFixedU32()) : try reader.readFixedU64()
        } catch {
            throw ValidationError(decoding: error)
        }
    }

    mutating func readCount() throws(ValidationError) -> Int {
        do { return try reader.readCount() } catch { throw ValidationError(decoding: error) }
    }

    // MARK: - Instructions

    /// Decodes and translates one instruction. (Inlined into the loop: a call per instruction
    /// cost a large stack frame's prologue and epilogue each time.)
    @inline(__always)
    mutating func translateNextInstruction() throws(ValidationError) {
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
                controls[current].elseJump = emitBranch(on: condition, at: conditionIndex, whenTrue: false)
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
            let type = try signatures.ofFunction(index, in: context)
            let argumentBase = try emitCall(type: type)
            if !isDead { builder.emit(HOP_call, pack(index, argumentBase)) }
            pushResults(of: type)
        case 0x11:  // call_indirect
            let typeIndex = try readIndex()
            let tableIndex = try readIndex()
            let table = try context.table(at: tableIndex)
            guard table.elementType == .funcref else { throw ValidationError("type mismatch: call_indirect needs a funcref table") }
            let signature = try signatures.ofType(typeIndex)
            let element = try pop(.i32)
            let elementSlot = read(element)
            let argumentBase = try emitCall(type: signature)
            if !isDead { builder.emit(HOP_call_indirect, pack(typeIndex, tableIndex), pack(argumentBase, elementSlot)) }
            pushResults(of: signature)
        case 0x1A:  // drop
            _ = try pop()
        case 0x1B:
            try translateSelect()
        case 0x1C:  // select with a type vector, valid only with exactly one type
            let count = try readCount()
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
            try translateLoad(LoadOp(opcodeInRange: opcode), readMemArg())
        case 0x36...0x3E:
            try translateStore(StoreOp(opcodeInRange: opcode), readMemArg())
        case 0x3F:  // memory.size
            try readZeroByte()
            try requireMemory()
            emitProducer(HOP_memory_size, result: .i32, high: 0)
        case 0x40:  // memory.grow
            try readZeroByte()
            try requireMemory()
            let delta = read(try pop(.i32))
            emitProducer(HOP_memory_grow, result: .i32, high: delta)
        case 0x41:  // i32.const
            push(.i32, .constant(UInt64(UInt32(truncatingIfNeeded: try readSigned(bits: 32))), high: 0))
        case 0x42:  // i64.const
            push(.i64, .constant(UInt64(bitPattern: try readSigned(bits: 64)), high: 0))
        case 0x43:  // f32.const: raw bits, so NaN payloads survive
            push(.f32, .constant(try readFloatBits(bytes: 4), high: 0))
        case 0x44:
            push(.f64, .constant(try readFloatBits(bytes: 8), high: 0))
        case 0x45...0xC4:
            try emitNumeric(NumericOp(opcodeInRange: opcode))
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
            throw ValidationError(malformed: "illegal opcode 0x\(String(opcode, radix: 16))")
        }
    }

    @inline(__always)
    mutating func local(_ index: UInt32) throws(ValidationError) -> Local {
        guard Int(index) < locals.count else { throw ValidationError("unknown local \(index)") }
        return locals[Int(index)]
    }

    /// `local.set`, or with `keep` `local.tee`, which leaves the value on the stack, read from
    /// the local.
    mutating func setLocal(_ local: Local, keep: Bool) throws(ValidationError) {
        let value = try pop(local.type)
        if !isDead { storeLocal(value, into: local.offset) }
        if keep { push(local.type, .local(local.offset)) }
    }

    @inline(__always)
    mutating func storeLocal(_ value: Operand, into offset: UInt32) {
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
}
