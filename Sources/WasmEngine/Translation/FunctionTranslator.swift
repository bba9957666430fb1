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
    /// How many memories the module has, which every load and store checks its memory
    /// index against (asking the shared context retained it each time).
    let memoryCount: Int
    /// Whether the code checks the store's limits, at function entry and loop headers (an
    /// interruptible engine's code; see `LimitCheck`).
    let checksLimits: Bool
    /// Instructions read so far in the function, which each limit check is charged from.
    var instructionsRead = 0
    /// The limit checks whose fuel is not known yet: the function's, then each open loop's.
    var openChecks: [LimitCheck] = []

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
    /// The function's catch clauses, innermost `try_table` first (see `CatchEntry`).
    var catchEntries: [CatchEntry] = []
    /// Catch entries waiting for their target frame's end.
    var pendingCatches: [PendingCatch] = []
    /// Catch entries whose label is the function's: they continue at a `return` emitted at
    /// the function's end.
    var catchesReturning: [Int] = []
    /// For a function with locals that have no default (non-null references): whether each
    /// local is still unset, and the locals set so far in order, which a frame's end unsets
    /// again (spec 3.0, 3.4.1: initialisation lasts to the end of the block).
    var unsetLocals: [Bool] = []
    var setLocals: [UInt32] = []

    init(context: ModuleContext, arena: CodeArena, checksLimits: Bool) {
        self.context = context
        self.checksLimits = checksLimits
        reader = BinaryReader(bytes: context.module.bytes)
        codeAllocator = CodeAllocator(arena: arena)
        signatures = Signatures(context.types)
        memoryCount = context.memories.count
    }

    @inline(__always)
    func requireMemory(_ index: UInt32) throws(InvalidModuleError) {
        guard Int(index) < memoryCount else { throw InvalidModuleError("unknown memory \(index)") }
    }

    /// Whether a large function grew the working arrays past what is worth keeping.
    var holdsLargeBuffers: Bool {
        builder.words.capacity > 64 * 1024 || operands.capacity > 4 * 1024
    }

    /// The translated function: its code and frame shape. The code is the translator's own
    /// working memory: copy it before translating the next function.
    struct Result {
        var code: GrowableBuffer<UInt64>
        var catches: [CatchEntry]
        var instructions: GrowableBuffer<CodeBuilder.Emitted>
        var localSlots: UInt32
        var frameSlots: UInt32
    }

    /// Validates and translates the body `code` of function `functionIndex`.
    mutating func translate(functionIndex: UInt32, code: Code) throws(InvalidModuleError) -> Result {
        let type = try signatures.ofFunction(functionIndex, in: context)
        try startFunction(functionIndex, type: type, code: code)
        enter(ControlFrame(
            kind: .function, parameters: [], results: type.results, height: 0,
            labelSlot: 0, startPosition: 0))
        if checksLimits { openLimitCheck() }
        var instructionStart = reader.offset
        do throws(InvalidModuleError) {
            while !isComplete {
                instructionStart = reader.offset
                instructionsRead &+= 1
                try translateNextInstruction()
            }
        } catch var error {
            error.functionIndex = functionIndex
            if error.offset == nil { error.offset = instructionStart }
            throw error
        }
        guard reader.isAtEnd else {
            throw InvalidModuleError(malformed: "section size mismatch: code after the function's final end", offset: reader.offset)
        }
        builder.threadConstantBranchesThroughTables()
        builder.chooseHandlers()
        builder.fillTableEntries()
        let paramSlots = UInt32(type.parameters.reduce(0) { $0 + $1.slotCount })
        return Result(
            code: builder.words,
            catches: catchEntries,
            instructions: builder.instructions,
            localSlots: stackBase / 8 - paramSlots,
            frameSlots: maxStackEnd / 8)
    }

    /// Empties the working arrays (an invalid function may have left them in any state) and
    /// lays out the frame: parameters, then declared locals, then the operand stack.
    mutating func startFunction(_ index: UInt32, type: FunctionType, code: Code) throws(InvalidModuleError) {
        functionIndex = index
        if !catchEntries.isEmpty { catchEntries.removeAll() }
        if !pendingCatches.isEmpty { pendingCatches.removeAll() }
        if !catchesReturning.isEmpty { catchesReturning.removeAll() }
        if !unsetLocals.isEmpty { unsetLocals.removeAll() }
        if !setLocals.isEmpty { setLocals.removeAll() }
        if !openChecks.isEmpty { openChecks.removeAll() }
        instructionsRead = 0
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
        var tracksInitialization = false
        for parameter in type.parameters {
            locals.append(Local(offset: next, type: parameter))
            next += UInt32(parameter.slotCount * 8)
        }
        // The local groups were checked to decode when the module was parsed.
        reader.narrow(to: code.localsRange)
        for _ in 0..<code.localGroups {
            guard let count = try? reader.readU32(), let declared = try? reader.readValueType() else { break }
            let type = try context.canonical(declared)
            if !type.isDefaultable && !tracksInitialization {
                tracksInitialization = true
                unsetLocals = Array(repeating: false, count: locals.count)
            }
            for _ in 0..<count {
                if tracksInitialization { unsetLocals.append(!type.isDefaultable) }
                locals.append(Local(offset: next, type: type))
                next += UInt32(type.slotCount * 8)
            }
        }
        reader.narrow(to: code.body)
        stackBase = next
        maxStackEnd = max(next, UInt32(type.results.reduce(0) { $0 + $1.slotCount } * 8))
    }

    // MARK: - Decoding

    // The body's bytes are decoded by `translateNextInstruction()` (generated from
    // Utilities/instructions.py): one dispatch on the opcode with the immediates read in place
    // and handed to the instruction's translation method. Building a decoded instruction value
    // and switching over it again cost about a quarter of translation. These read the
    // immediates; a decoding error carries its own offset.

    @inline(__always)
    mutating func readByte() throws(InvalidModuleError) -> UInt8 {
        do { return try reader.readByte() } catch { throw InvalidModuleError(decoding: error) }
    }

    @inline(__always)
    mutating func readIndex() throws(InvalidModuleError) -> UInt32 {
        do { return try reader.readU32() } catch { throw InvalidModuleError(decoding: error) }
    }

    @inline(__always)
    mutating func readSigned(bits: Int) throws(InvalidModuleError) -> Int64 {
        do { return try reader.readSigned(bits: bits) } catch { throw InvalidModuleError(decoding: error) }
    }

    @inline(__always)
    mutating func readMemArg() throws(InvalidModuleError) -> MemArg {
        do { return try reader.readMemArg() } catch { throw InvalidModuleError(decoding: error) }
    }

    /// A block type, a value type in it made canonical.
    mutating func readBlockType() throws(InvalidModuleError) -> BlockType {
        let type: BlockType
        do { type = try reader.readBlockType() } catch { throw InvalidModuleError(decoding: error) }
        if case .value(let value) = type, value.isReference { return .value(try context.canonical(value)) }
        return type
    }

    mutating func readFixedU32() throws(InvalidModuleError) -> UInt32 {
        do { return try reader.readFixedU32() } catch { throw InvalidModuleError(decoding: error) }
    }

    mutating func readFixedU64() throws(InvalidModuleError) -> UInt64 {
        do { return try reader.readFixedU64() } catch { throw InvalidModuleError(decoding: error) }
    }

    mutating func readIndices() throws(InvalidModuleError) -> [UInt32] {
        do { return try reader.readIndices() } catch { throw InvalidModuleError(decoding: error) }
    }

    /// Value types (the typed `select`'s), made canonical.
    mutating func readValueTypes() throws(InvalidModuleError) -> [ValueType] {
        let types: [ValueType]
        do { types = try reader.readValueTypes() } catch { throw InvalidModuleError(decoding: error) }
        return try types.map { (type) throws(InvalidModuleError) in try context.canonical(type) }
    }

    /// A heap type (`ref.null`'s), made canonical.
    mutating func readHeapType() throws(InvalidModuleError) -> HeapType {
        let type: HeapType
        do { type = try reader.readHeapType() } catch { throw InvalidModuleError(decoding: error) }
        return try context.canonical(type)
    }

    mutating func readCatchClauses() throws(InvalidModuleError) -> [CatchClause] {
        do { return try reader.readCatchClauses() } catch { throw InvalidModuleError(decoding: error) }
    }

    /// A SIMD instruction after its 0xFD prefix, with its immediate.
    mutating func readSIMD() throws(InvalidModuleError) -> (SIMDOp, SIMDImmediate) {
        do { return try reader.readSIMD(start: reader.offset - 1) } catch { throw InvalidModuleError(decoding: error) }
    }
}
