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
public final class Store {
    /// The engine whose configuration the store runs with.
    public let engine: Engine
    @usableFromInline let context: UnsafeMutablePointer<HContext>
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
        var low = 0, high = catchRanges.count
        while low < high {
            let middle = (low + high) / 2
            if catchRanges[middle].upperBound <= address { low = middle + 1 } else { high = middle }
        }
        guard low < catchRanges.count, catchRanges[low].contains(address),
              let table = catchTables[catchRanges[low].lowerBound] else { return nil }
        return (table, UnsafePointer(bitPattern: catchRanges[low].lowerBound)!)
    }

    /// Where the instruction at `pc` lies: its function's index and name, and its offset in
    /// the function's code. The name is looked up only when a trap happens.
    private func location(of pc: UnsafePointer<UInt64>?) -> ErrorLocation {
        guard let pc else { return ErrorLocation() }
        let address = UInt(bitPattern: pc)
        guard let range = codeRanges.first(where: { $0.addresses.contains(address) }) else { return ErrorLocation() }
        return ErrorLocation(
            functionIndex: range.functionIndex,
            functionName: range.module.binary.functionNames[range.functionIndex],
            codeOffset: Int(address - range.addresses.lowerBound) / 8)
    }

    /// What instances without a memory point at: zero bytes, cannot grow.
    private(set) lazy var noMemory = allocateMemory(MemoryType(limits: Limits(min: 0, max: 0)))!
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

    /// An empty store running on `engine`'s configuration.
    public init(engine: Engine = .default) {
        self.engine = engine
        let configuration = engine.configuration
        let stackSlots = min(max(configuration.stackSlots, 1), 1 << 32)
        let maxCallDepth = min(max(configuration.maxCallDepth, 1), 1 << 24)
        context = .allocate(capacity: 1)
        let stack = UnsafeMutablePointer<UInt64>.allocate(capacity: stackSlots)
        let frames = UnsafeMutablePointer<HFrame>.allocate(capacity: maxCallDepth)
        context.initialize(to: HContext(
            stackBase: stack, stackLimit: stack + stackSlots, stackTop: stack,
            frames: frames, depth: 0, maxDepth: UInt32(maxCallDepth),
            instance: nil, trap: 0, trapPC: nil, compile: translateOnFirstCall, owner: nil,
            slowCallee: nil, slowFP: nil, findCatch: findCatch, exceptions: nil, exceptionCount: 0,
            sweepThreshold: Self.firstSweep, sweepExceptions: sweepUnreachableExceptions, thrown: nil))
        context.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
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
        hearth_exceptions_free(context)
        context.pointee.stackBase.deallocate()
        context.pointee.frames.deallocate()
        context.deallocate()
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

    /// Allocates a zeroed memory of the type's minimum size; nil when the host has no room.
    func allocateMemory(_ type: MemoryType) -> UnsafeMutablePointer<HMemory>? {
        let memory = UnsafeMutablePointer<HMemory>.allocate(capacity: 1)
        memory.initialize(to: HMemory())
        guard hearth_memory_init(memory, type.limits.min, type.limits.max ?? 65536) == 0 else {
            memory.deallocate()
            return nil
        }
        ownedMemories.append(memory)
        return memory
    }

    /// Allocates a global of `type` holding `value`.
    func allocateGlobal(_ type: ValueType, value: HGlobal) -> UnsafeMutablePointer<HGlobal> {
        let global = allocate(value)
        if type.referenceType?.heapType.top == .exception { exceptionGlobals.append(global) }
        return global
    }

    /// Allocates a table of the type's minimum size; nil when the host has no room.
    func allocateTable(_ type: TableType, initial: UInt64) -> UnsafeMutablePointer<HTable>? {
        let count = Int(type.limits.min)
        guard let elements = calloc(max(count, 1), 8)?.assumingMemoryBound(to: UInt64.self) else { return nil }
        if initial != 0 { for i in 0..<count { elements[i] = initial } }
        let table = UnsafeMutablePointer<HTable>.allocate(capacity: 1)
        table.initialize(to: HTable(
            elements: elements, size: UInt32(count),
            maxSize: type.limits.max.map { UInt32($0) } ?? UInt32.max))
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
        guard let reason = Trap.Reason(rawValue: code) else {
            // Not reached: HTRAP_HOST_ERROR always leaves an error in the store. Reported, not
            // fatal, should that ever change.
            throw CallError("the call stopped with status \(code) and no error to report")
        }
        var trap = Trap(reason)
        trap.location = location(of: context.pointee.trapPC)
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
