#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmEngine
import Diagnostics
import WasmBinary

/// Owns everything instances create — functions, memories, tables, globals — and the value
/// stack they run on. All of it lives until the store is released. A store and its instances
/// are used from one thread at a time; a `Module` can be shared between stores and threads.
/// Its engine's configuration sizes its stack and limits call depth.
///
/// A store also holds the limits its calls run under (docs/limits.md): a memory limit for
/// all its memories and tables together, and — with an `interruptible` engine — fuel, a
/// deadline and interruption from another thread (`interruptHandle`).
public final class Store {
    /// The engine whose configuration the store runs with.
    public let engine: Engine
    @usableFromInline let context: UnsafeMutablePointer<HContext>
    /// Owns `context`'s allocation, which the interrupt handle and the deadline timer may
    /// outlive the store with.
    private let contextOwner: ContextOwner
    /// The timer of the deadline set, if any.
    private let deadline: DeadlineTimer
    /// The memory limit and what is charged to it, inside `context`.
    private var budget: UnsafeMutablePointer<HBudget> { contextOwner.budget }
    private var ownedPointers: [UnsafeMutableRawPointer] = []
    private var ownedMemories: [UnsafeMutablePointer<HMemory>] = []
    private var ownedTables: [UnsafeMutablePointer<HTable>] = []
    /// Objects the C side points at without retaining them.
    var retained: [AnyObject] = []
    /// Where each installed function's code lies, to name the function a trap happened in.
    private var codeRanges: [CodeRange] = []

    private struct CodeRange {
        var addresses: Range<UInt>
        var functionIndex: UInt32
        /// Retained by the store as long as the code is installed.
        unowned(unsafe) var module: Module
    }
    /// The installed functions that have catch clauses, by code address.
    private var catchTables: [UInt: UnsafeBufferPointer<CatchEntry>] = [:]
    /// Their code ranges, sorted by start address when an exception is thrown (see
    /// `catchTable(at:)`).
    private var catchRanges: [Range<UInt>] = []
    private var catchRangesAreSorted = true
    /// The store's tags by their C side, to name the tag of an uncaught exception.
    private var tags: [UnsafeMutablePointer<HTag>: ExceptionTag] = [:]

    /// The globals and tables that can hold an `exnref` (see `sweepExceptions()`).
    private var exceptionGlobals: [UnsafeMutablePointer<HGlobal>] = []
    private var exceptionTables: [UnsafeMutablePointer<HTable>] = []

    /// Frees the exceptions only the guest held that no global or table holds any more (the
    /// C side calls this between calls from the host, when no frame, so no local, is left),
    /// and sets when to look again: when the exceptions kept have doubled.
    func sweepExceptions() {
        var held = Set<UInt64>()
        for global in exceptionGlobals { held.insert(global.pointee.value) }
        for table in exceptionTables {
            for index in 0..<Int(table.pointee.size) { held.insert(table.pointee.elements[index]) }
        }
        var next = context.pointee.exceptions
        while let exception = next {
            next = exception.pointee.next
            if exception.pointee.exposed == UInt32(HEXCEPTION_GUEST_HELD),
               !held.contains(UInt64(UInt(bitPattern: exception))) {
                hearth_exception_release(context, exception)
            }
        }
        context.pointee.sweepThreshold = max(Self.firstSweep, 2 * context.pointee.exceptionCount)
    }

    /// How many exceptions a store keeps before it first looks for unreachable ones.
    static let firstSweep: UInt64 = 1024

    /// How many exceptions the store keeps (see `HException`).
    var liveExceptionCount: UInt64 { context.pointee.exceptionCount }

    /// Keeps `tag` findable from its C side.
    func register(_ tag: ExceptionTag) {
        tags[tag.handle] = tag
    }

    /// The catch table and code start of the function whose code holds `pc`, if it has one.
    func catchTable(at pc: UnsafePointer<UInt64>) -> (UnsafeBufferPointer<CatchEntry>, UnsafePointer<UInt64>)? {
        if !catchRangesAreSorted {
            catchRanges.sort { $0.lowerBound < $1.lowerBound }
            catchRangesAreSorted = true
        }
        let address = UInt(bitPattern: pc)
        let low = catchRanges.partitioningIndex { $0.upperBound > address }
        guard low < catchRanges.count, catchRanges[low].contains(address),
              let table = catchTables[catchRanges[low].lowerBound] else { return nil }
        return (table, UnsafePointer(bitPattern: catchRanges[low].lowerBound)!)
    }

    /// Where the instruction at `pc` lies: its function's index and name, and its offset in
    /// the function's code. The name is looked up only when a trap happens.
    ///
    /// After a fault under guard pages, `pc` is what the handler had in its register, which
    /// may already be past the start of its instruction: the start is the nearest word at or
    /// before `pc` that holds the handler that faulted, `faultHandler`.
    private func location(of pc: UnsafePointer<UInt64>?, faultHandler: UInt64 = 0) -> ErrorLocation {
        let longestInstruction: UInt = 32  // words: more than any instruction that accesses memory takes
        guard let pc else { return ErrorLocation() }
        var address = UInt(bitPattern: pc)
        guard let range = codeRanges.first(where: { $0.addresses.contains(address) }) else { return ErrorLocation() }
        if faultHandler != 0 {
            let lowest = address - min(address - range.addresses.lowerBound, longestInstruction * 8)
            var start = pc
            while UInt(bitPattern: start) > lowest && start.pointee != faultHandler { start -= 1 }
            if start.pointee == faultHandler { address = UInt(bitPattern: start) }
        }
        return ErrorLocation(
            functionIndex: range.functionIndex,
            functionName: range.module.binary.functionNames[range.functionIndex],
            codeOffset: Int(address - range.addresses.lowerBound) / 8)
    }

    /// What instances without a memory point at: zero bytes, cannot grow.
    private(set) lazy var noMemory = try! allocateMemory(MemoryType(limits: Limits(min: 0, max: 0)))
    /// The error a host function threw, waiting to be rethrown at the call boundary.
    var pendingHostError: (any Error)?
    /// The instances of the store by their C side, for `Caller.instance`. (They live as long
    /// as the store: the C side points at them.)
    private var instances: [UnsafeMutablePointer<HInstance>: Instance] = [:]
    /// Each host function's C side in this store, made on first use.
    private var hostFunctions: [ObjectIdentifier: UnsafeMutablePointer<HFunc>] = [:]

    /// Keeps `instance` alive with the store and findable from its C side.
    func register(_ instance: Instance) {
        instances[instance.handle] = instance
    }

    /// Lets go of the store's instances and tags. They refer to the store and the store to
    /// them (a host function finds its caller's instance through the store), so a store that
    /// holds any is otherwise never freed. Call it when done with the store: none of its
    /// functions may run afterwards. The store, its memories and its tables are freed once
    /// nothing else refers to them.
    public func close() {
        instances.removeAll()
        tags.removeAll()
    }

    /// The instance whose C side is `handle`.
    func instance(_ handle: UnsafeMutablePointer<HInstance>) -> Instance? {
        instances[handle]
    }

    /// The function through which this store calls `host`: made once per store, whichever
    /// linker or instance asks for it.
    func function(for host: HostFunction) -> UnsafeMutablePointer<HFunc> {
        if let function = hostFunctions[ObjectIdentifier(host)] { return function }
        retained.append(host)
        let function = allocate(HFunc(
            code: nil, instance: nil, host: hostTrampoline,
            hostData: Unmanaged.passUnretained(host).toOpaque(),
            typeID: host.typeID, paramSlots: host.parameterSlots, resultSlots: host.resultSlots,
            localSlots: 0, frameSlots: 0))
        hostFunctions[ObjectIdentifier(host)] = function
        return function
    }

    /// An empty store running on `engine`'s configuration. `memoryLimit` bounds the bytes all
    /// memories and tables of the store take together (a table element counts 8): past it,
    /// `memory.grow` and `table.grow` return -1 and instantiation throws a `LimitError`.
    public init(engine: Engine = .default, memoryLimit: Int? = nil) {
        self.engine = engine
        let configuration = engine.configuration
        let stackSlots = min(max(configuration.stackSlots, 1), 1 << 32)
        let maxCallDepth = min(max(configuration.maxCallDepth, 1), 1 << 24)
        context = .allocate(capacity: 1)
        contextOwner = ContextOwner(context)
        deadline = DeadlineTimer(contextOwner)
        let stack = UnsafeMutablePointer<UInt64>.allocate(capacity: stackSlots)
        let frames = UnsafeMutablePointer<HFrame>.allocate(capacity: maxCallDepth)
        context.initialize(to: HContext(
            stackBase: stack, stackLimit: stack + stackSlots, stackTop: stack,
            frames: frames, depth: 0, maxDepth: UInt32(maxCallDepth),
            instance: nil, trap: 0, trapPC: nil, faultHandler: 0, compile: translateOnFirstCall, owner: nil,
            slowCallee: nil, slowFP: nil, findCatch: findCatch, exceptions: nil, exceptionCount: 0,
            sweepThreshold: Self.firstSweep, sweepExceptions: sweepUnreachableExceptions, thrown: nil,
            fuel: Int64.max, interrupt: 0,
            budget: HBudget(limit: memoryLimit.map { UInt64(max($0, 0)) } ?? UInt64.max, used: 0)))
        context.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
    }

    // MARK: Limits

    /// The bytes all memories and tables of the store may take together; nil for no limit.
    public var memoryLimit: Int? {
        let limit = budget.pointee.limit
        return limit == UInt64.max ? nil : Int(limit)
    }

    /// The bytes the store's memories and tables take now.
    public var memoryInUse: Int { Int(budget.pointee.used) }

    /// The instructions calls in this store may still run, shared by all of them; nil (the
    /// default) for no limit. A call that needs more stops with `LimitError.Limit.fuel`; a
    /// later one runs as far as what is left allows. Fuel is charged where code checks its
    /// limits — at each function entry and loop header, for the instructions that may run
    /// before the next check — so a call given N runs at most N instructions. Needs an
    /// `interruptible` engine (the code of any other has no checks).
    public var fuel: UInt64? {
        get { hasFuelLimit ? UInt64(max(context.pointee.fuel, 0)) : nil }
        set {
            precondition(newValue == nil || engine.configuration.interruptible,
                         "fuel needs an interruptible engine (Engine.Configuration.interruptible)")
            hasFuelLimit = newValue != nil
            // Without a limit, so much fuel that no program spends it (2^63 instructions).
            context.pointee.fuel = newValue.map { Int64(min($0, UInt64(Int64.max))) } ?? Int64.max
        }
    }
    private var hasFuelLimit = false

    /// Makes calls in this store stop with `LimitError.Limit.deadline` once `timeout` has
    /// passed (wall clock, from now): the one running then, and every later one until the
    /// deadline is cleared or set again. Replaces any deadline set before. Needs an
    /// `interruptible` engine. A deadline of one store never stops another's calls.
    public func setDeadline(after timeout: Duration) {
        precondition(engine.configuration.interruptible,
                     "a deadline needs an interruptible engine (Engine.Configuration.interruptible)")
        deadline.set(after: timeout)
    }

    /// Removes the deadline: calls run without one again.
    public func clearDeadline() {
        deadline.clear()
    }

    /// A handle that stops the store's running call from any thread (see `InterruptHandle`).
    public var interruptHandle: InterruptHandle { InterruptHandle(contextOwner) }

    /// Withdraws an interrupt not answered yet (`InterruptHandle.interrupt()` while no call
    /// ran), so that it cannot stop the next call — a pool does this before lending the store
    /// to another caller.
    public func clearInterrupt() {
        contextOwner.clearInterrupt(Int32(HINTERRUPT_REQUESTED))
    }

    /// Points `function` at translated code.
    /// (`module`, whose code memory holds `compiled`, must be retained by the store.)
    func install(_ compiled: CompiledFunction, in function: UnsafeMutablePointer<HFunc>, module: Module, definedIndex: Int) {
        let start = UInt(bitPattern: compiled.code)
        codeRanges.append(CodeRange(
            addresses: start..<start + UInt(compiled.count * 8),
            functionIndex: UInt32(module.context.importedFunctionCount + definedIndex), module: module))
        // Another instance of the module in this store shares the code and its table.
        if let catches = compiled.catches, catchTables.updateValue(catches, forKey: start) == nil {
            catchRanges.append(start..<start + UInt(compiled.count * 8))
            catchRangesAreSorted = false
        }
        function.pointee.localSlots = compiled.localSlots
        function.pointee.frameSlots = compiled.frameSlots
        function.pointee.hostData = nil
        function.pointee.code = UnsafePointer(compiled.code)
    }

    deinit {
        deadline.clear()
        hearth_exceptions_free(context)
        context.pointee.stackBase.deallocate()
        context.pointee.frames.deallocate()
        for memory in ownedMemories {
            hearth_memory_release(memory)
            memory.deallocate()
        }
        for table in ownedTables {
            free(table.pointee.elements)
            table.deallocate()
        }
        for pointer in ownedPointers { pointer.deallocate() }
    }

    /// Allocates storage that lives as long as the store.
    func allocate<T>(_ value: T) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: 1)
        pointer.initialize(to: value)
        ownedPointers.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// Storage for `count` values made by `value(index)`, living as long as the store.
    func allocateArray<T>(count: Int, _ value: (Int) -> T) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        for index in 0..<count { (pointer + index).initialize(to: value(index)) }
        ownedPointers.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    func allocateArray<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        allocateArray(count: values.count) { values[$0] }
    }

    /// Allocates a zeroed memory of the type's minimum size. Throws a `LimitError` past the
    /// store's memory limit, a `LinkError` when the host has no room.
    func allocateMemory(_ type: MemoryType) throws -> UnsafeMutablePointer<HMemory> {
        let memory = UnsafeMutablePointer<HMemory>.allocate(capacity: 1)
        memory.initialize(to: HMemory())
        switch hearth_memory_init(memory, type.limits.min, type.limits.max ?? 65536, budget) {
        case 0:
            ownedMemories.append(memory)
            return memory
        case -2:
            memory.deallocate()
            throw overBudget(asking: type.limits.min * 65536, for: "a memory of \(type.limits.min) page" + (type.limits.min == 1 ? "" : "s"))
        default:
            memory.deallocate()
            throw LinkError("cannot allocate a memory of \(type.limits.min) pages")
        }
    }

    /// The error for an allocation of `bytes` the memory limit has no room for.
    private func overBudget(asking bytes: UInt64, for what: String) -> LimitError {
        let (limit, used) = (budget.pointee.limit, budget.pointee.used)
        return LimitError(.memory, message: "\(what) needs \(bytes) bytes; the store's memory limit of "
                          + "\(limit) bytes has \(limit - used) left")
    }

    /// Allocates a global of `type` holding `value`.
    func allocateGlobal(_ type: ValueType, value: HGlobal) -> UnsafeMutablePointer<HGlobal> {
        let global = allocate(value)
        if type.referenceType?.heapType.top == .exception { exceptionGlobals.append(global) }
        return global
    }

    /// Allocates a table of the type's minimum size. Throws a `LimitError` past the store's
    /// memory limit, a `LinkError` when the host has no room.
    func allocateTable(_ type: TableType, initial: UInt64) throws -> UnsafeMutablePointer<HTable> {
        let count = Int(type.limits.min)
        let bytes = UInt64(count) * 8
        guard bytes <= budget.pointee.limit - budget.pointee.used else {
            throw overBudget(asking: bytes, for: "a table of \(count) elements")
        }
        guard let elements = calloc(max(count, 1), 8)?.assumingMemoryBound(to: UInt64.self) else {
            throw LinkError("cannot allocate a table of \(count) elements")
        }
        budget.pointee.used += bytes
        if initial != 0 { for i in 0..<count { elements[i] = initial } }
        let table = UnsafeMutablePointer<HTable>.allocate(capacity: 1)
        table.initialize(to: HTable(
            elements: elements, size: UInt32(count),
            maxSize: type.limits.max.map { UInt32($0) } ?? UInt32.max, budget: budget))
        ownedTables.append(table)
        if type.elementType.referenceType?.heapType.top == .exception { exceptionTables.append(table) }
        return table
    }

    /// Runs `function` on this store's stack; throws the trap if it traps.
    /// Throws a `Trap`, or the `InvalidModuleError` or `WasmBinaryError` of a lazily translated
    /// function.
    func invoke(_ function: UnsafeMutablePointer<HFunc>, slots: UnsafeMutablePointer<UInt64>) throws {
        let code = hearth_invoke(context, function, slots)
        if code != 0 { try throwTrap(code) }
    }

    /// Throws the error for a nonzero `hearth_invoke` or `hearth_call` status.
    @usableFromInline @inline(never)
    func throwTrap(_ code: Int32) throws {
        if code == Int32(HTRAP_HOST_ERROR.rawValue), let error = pendingHostError {
            // A host function's error (or a lazily found InvalidModuleError) comes out unchanged.
            pendingHostError = nil
            throw error
        }
        if code == Int32(HTRAP_EXCEPTION.rawValue), let thrown = context.pointee.thrown {
            context.pointee.thrown = nil
            let tag = tags[thrown.pointee.tag] ?? ExceptionTag(handle: thrown.pointee.tag, store: self, parameters: [])
            throw WasmException(tag: tag, exception: thrown)
        }
        if let limit = LimitError.Limit(status: code) {
            var error = LimitError(limit)
            error.location = location(of: context.pointee.trapPC)
            throw error
        }
        guard let reason = Trap.Reason(rawValue: code) else {
            // Not reached: HTRAP_HOST_ERROR always leaves an error in the store. Reported, not
            // fatal, should that ever change.
            throw CallError("the call stopped with status \(code) and no error to report")
        }
        var trap = Trap(reason)
        trap.location = location(of: context.pointee.trapPC, faultHandler: context.pointee.faultHandler)
        context.pointee.faultHandler = 0
        throw trap
    }
}

/// The defined functions of one instance, some of them waiting for their first call.
final class PendingTranslation {
    let module: Module
    /// The instance's defined functions, contiguous.
    let functions: UnsafeMutablePointer<HFunc>

    init(module: Module, functions: UnsafeMutablePointer<HFunc>) {
        self.module = module
        self.functions = functions
    }
}

/// The C side's hook for lazy translation: translates (or reuses the module's translation)
/// and installs the code; an invalid body becomes an error waiting in the store.
private let translateOnFirstCall: HCompileFunction = { context, function in
    let store = Unmanaged<Store>.fromOpaque(context!.pointee.owner).takeUnretainedValue()
    let pending = Unmanaged<PendingTranslation>.fromOpaque(function!.pointee.hostData).takeUnretainedValue()
    let definedIndex = function! - pending.functions
    do throws(InvalidModuleError) {
        let compiled = try pending.module.compiledFunction(definedIndex)
        store.install(compiled, in: function!, module: pending.module, definedIndex: definedIndex)
        return 0
    } catch {
        store.pendingHostError = error.reported
        return Int32(HTRAP_HOST_ERROR.rawValue)
    }
}

/// The C side's hook for exceptions: the catch clause of the function running at `pc`
/// (innermost `try_table` first) whose tag is the exception's, or that catches all.
private let findCatch: HFindCatch = { context, pc, exception, target in
    let store = Unmanaged<Store>.fromOpaque(context!.pointee.owner).takeUnretainedValue()
    guard let pc, let (entries, code) = store.catchTable(at: pc) else { return 0 }
    let position = UInt32(pc - code)
    let tags = context!.pointee.instance.pointee.tags!
    for entry in entries where entry.start <= position && position < entry.end {
        if entry.tag != CatchEntry.anyTag, tags[Int(entry.tag)] != exception!.pointee.tag { continue }
        target!.pointee = HCatchTarget(
            pc: code + Int(entry.target), slot: entry.slot,
            payload: entry.tag != CatchEntry.anyTag ? 1 : 0, reference: entry.capturesReference ? 1 : 0)
        return 1
    }
    return 0
}

/// The C side's hook for freeing unreachable exceptions (see `Store.sweepExceptions()`).
private let sweepUnreachableExceptions: HSweepExceptions = { context in
    Unmanaged<Store>.fromOpaque(context!.pointee.owner).takeUnretainedValue().sweepExceptions()
}
