import CWasmEngine
import WasmBinary

/// A module instantiated in a store: its functions, memories, tables and globals, reachable
/// through its exports.
///
/// Most embedders instantiate through a `Linker`, which finds each import by name. This
/// initialiser takes the imports already in order, as the module declares them.
public final class Instance: @unchecked Sendable {
    /// The module instantiated.
    public let module: Module
    /// The store that owns the instance and everything it allocated.
    public let store: Store
    let handle: UnsafeMutablePointer<HInstance>
    /// Exports by name.
    public private(set) var exports: [Name: Extern] = [:]

    /// Instantiates `module` (spec 4.5.4) with `imports`, one for each of `module.imports` in
    /// that order: checks the imports' types (`LinkError`), allocates the module's own
    /// functions, globals, tables and memories, initialises tables and memories from active
    /// segments, and runs the start function (unless `runStart` is false). Segments applied
    /// before a trap stay applied, as the spec requires.
    public init(module: Module, store: Store, imports: [Extern] = [], runStart: Bool = true) throws {
        self.module = module
        self.store = store
        if store.engine.configuration.interruptible && !module.engine.configuration.interruptible {
            throw LinkError("the store's engine is interruptible but the module was compiled by one that is not, "
                            + "so its code would not check the store's limits",
                            remedy: "compile the module with the store's engine")
        }
        handle = store.allocate(HInstance())
        store.retained.append(module)
        let imported = try Self.resolve(imports, of: module, in: store)
        let entities = try allocate(importing: imported)
        exports = collectExports(entities)
        store.register(self)
        try initialize(entities)
        if runStart { try start(entities) }
    }

    /// What an instance's index spaces hold: imports first, then its own definitions.
    struct Entities {
        var functions: [UnsafeMutablePointer<HFunc>] = []
        var tables: [UnsafeMutablePointer<HTable>] = []
        var memories: [UnsafeMutablePointer<HMemory>] = []
        var globals: [UnsafeMutablePointer<HGlobal>] = []
        var tags: [ExceptionTag] = []
    }

    // MARK: Resolve

    /// Checks each import against what the module declares (spec 4.5.1, import matching) and
    /// returns them by index space. A mismatch names the import and both types.
    static func resolve(_ imports: [Extern], of module: Module, in store: Store) throws(LinkError) -> Entities {
        let declared = module.binary.imports
        guard imports.count == declared.count else {
            let counts = "the module has \(declared.count) imports, \(imports.count) were given"
            guard imports.count < declared.count else { throw LinkError(counts) }
            let entry = declared[imports.count]
            throw LinkError("import \(imports.count) \"\(entry.module)\".\"\(entry.name)\" (\(module.describe(entry.descriptor))) is missing: " + counts)
        }
        var resolved = Entities()
        let context = module.context
        for (entry, provided) in zip(declared, imports) {
            // The messages are made only when needed: formatting the types of every import
            // was a quarter of instantiating a small module.
            func expected() -> String { module.describe(entry.descriptor) }
            var mismatch: LinkError {
                LinkError("incompatible import type for \"\(entry.module)\".\"\(entry.name)\": the module expects "
                    + "\(expected()), the import given is \(provided.typeDescription)")
            }
            guard provided.store === store else {
                throw LinkError("import \"\(entry.module)\".\"\(entry.name)\" (\(expected())) belongs to another store")
            }
            switch (entry.descriptor, provided) {
            case (.function(let typeIndex), .function(let function)):
                guard function.handle.pointee.typeID == context.typeIDs[Int(typeIndex)] else { throw mismatch }
                resolved.functions.append(function.handle)
            case (.table(let type), .table(let table)):
                let elementType = context.tables[resolved.tables.count].elementType
                guard table.elementType == elementType, matches(table.type.limits, type.limits) else { throw mismatch }
                resolved.tables.append(table.handle)
            case (.memory(let type), .memory(let memory)):
                guard matches(memory.type.limits, type.limits) else { throw mismatch }
                resolved.memories.append(memory.handle)
            case (.global, .global(let global)):
                let type = context.globals[resolved.globals.count]
                guard global.type.isMutable == type.isMutable,
                      type.isMutable ? global.type.valueType == type.valueType : global.type.valueType.matches(type.valueType)
                else { throw mismatch }
                resolved.globals.append(global.handle)
            case (.tag(let typeIndex), .tag(let tag)):
                guard tag.handle.pointee.typeID == context.typeIDs[Int(typeIndex)] else { throw mismatch }
                resolved.tags.append(tag)
            default:
                throw mismatch
            }
        }
        return resolved
    }

    /// Import matching of limits (spec 4.5.1): at least the required minimum, and a maximum
    /// no larger than the required one.
    static func matches(_ actual: Limits, _ required: Limits) -> Bool {
        guard actual.min >= required.min else { return false }
        guard let requiredMax = required.max else { return true }
        guard let actualMax = actual.max else { return false }
        return actualMax <= requiredMax
    }

    // MARK: Allocate

    /// Allocates the module's own functions, globals, tables, memories and segments after the
    /// imports (spec 4.5.3), and fills in the C side of the instance.
    private func allocate(importing imported: Entities) throws -> Entities {
        var entities = imported
        let binary = module.binary
        let typeIDs = module.context.typeIDs
        handle.pointee.typeIDs = UnsafePointer(store.allocateArray(typeIDs))
        let defined = allocateFunctions(typeIDs: typeIDs)
        entities.functions.reserveCapacity(entities.functions.count + binary.functions.count)
        for index in binary.functions.indices { entities.functions.append(defined + index) }
        // Element by element: the C side's array holds optionals, and converting the whole
        // array at once casts each element dynamically (about 270 instructions a function).
        let functions = entities.functions
        handle.pointee.functions = store.allocateArray(count: functions.count) { functions[$0] }

        // Globals may refer to imported globals and functions, so they come after both.
        for global in binary.globals {
            let value = try Self.evaluate(global.initializer, in: entities)
            let type = module.context.globals[entities.globals.count].valueType
            entities.globals.append(store.allocateGlobal(type, value: HGlobal(value: value.low, high: value.high)))
        }
        handle.pointee.globals = store.allocateArray(entities.globals.map(Optional.some))

        for (type, initializer) in zip(binary.tables, binary.tableInitializers) {
            let initial = try initializer.map { try Self.evaluate($0, in: entities).low } ?? 0
            entities.tables.append(try store.allocateTable(type, initial: initial))
        }
        for typeIndex in binary.tags {
            let parameters = module.context.types[Int(typeIndex)].parameters
            let tag = store.allocate(HTag(
                typeID: typeIDs[Int(typeIndex)],
                paramSlots: UInt32(parameters.reduce(0) { $0 + $1.slotCount })))
            let object = ExceptionTag(handle: tag, store: store, parameters: parameters)
            store.register(object)
            entities.tags.append(object)
        }
        let tags = entities.tags
        handle.pointee.tags = store.allocateArray(count: tags.count) { Optional(tags[$0].handle) }
        handle.pointee.tables = store.allocateArray(entities.tables.map(Optional.some))
        for type in binary.memories {
            entities.memories.append(try store.allocateMemory(type))
        }
        // Memory 0 is what the threaded code keeps in registers; any memory is reached
        // through `memories` (multi-memory).
        handle.pointee.memory = entities.memories.first ?? store.noMemory
        handle.pointee.memories = store.allocateArray(entities.memories.map(Optional.some))

        var elementSegments: [HSegment] = []
        for segment in binary.elements {
            let references = try segment.initializers.map { try Self.evaluate($0, in: entities).low }
            elementSegments.append(HSegment(bytes: store.allocateArray(references), length: UInt32(references.count)))
        }
        handle.pointee.elementSegments = store.allocateArray(elementSegments)
        handle.pointee.dataSegments = store.allocateArray(binary.data.map { segment in
            HSegment(bytes: store.allocateArray(Array(segment.bytes)), length: UInt32(segment.bytes.count))
        })
        return entities
    }

    /// The module's defined functions, in one allocation (returned). Those already translated
    /// point at their code; the rest at one shared `PendingTranslation`, which finds their
    /// index from their address. (Per function only what differs: a module may define tens of
    /// thousands.)
    private func allocateFunctions(typeIDs: [UInt32]) -> UnsafeMutablePointer<HFunc> {
        let binary = module.binary
        let slots = binary.types.map { type in
            (parameters: UInt32(type.parameters.reduce(0) { $0 + $1.slotCount }),
             results: UInt32(type.results.reduce(0) { $0 + $1.slotCount }))
        }
        let defined = store.allocateArray(count: binary.functions.count) { index in
            let typeIndex = Int(binary.functions[index])
            return HFunc(
                code: nil, instance: handle, host: nil, hostData: nil, typeID: typeIDs[typeIndex],
                paramSlots: slots[typeIndex].parameters, resultSlots: slots[typeIndex].results,
                localSlots: 0, frameSlots: 0)
        }
        let pending = PendingTranslation(module: module, functions: defined)
        store.retained.append(pending)
        let pendingData = Unmanaged.passUnretained(pending).toOpaque()
        module.withTranslatedFunctions { translated in
            for index in binary.functions.indices {
                if translated.recordedCount > 0, let compiled = translated[index] {
                    store.install(compiled, in: defined + index, module: module, definedIndex: index)
                } else {
                    defined[index].hostData = pendingData
                }
            }
        }
        return defined
    }

    /// The module's exports, by name.
    private func collectExports(_ entities: Entities) -> [Name: Extern] {
        let context = module.context
        var exports: [Name: Extern] = [:]
        for export in module.binary.exports {
            let index = Int(export.index)
            switch export.kind {
            case .function: exports[export.name] = .function(Function(handle: entities.functions[index], store: store))
            case .table:
                exports[export.name] = .table(Table(handle: entities.tables[index], store: store, elementType: context.tables[index].elementType))
            case .memory: exports[export.name] = .memory(Memory(handle: entities.memories[index], store: store))
            case .global:
                exports[export.name] = .global(Global(handle: entities.globals[index], store: store, type: context.globals[index]))
            case .tag:
                let tag = entities.tags[index]
                if tag.name == nil { tag.name = "\"\(export.name)\"" }
                exports[export.name] = .tag(tag)
            }
        }
        return exports
    }

    // MARK: Initialise

    /// Applies active element and data segments in order, then drops them (spec 4.5.4 steps
    /// 14-15); declarative element segments are dropped too.
    private func initialize(_ entities: Entities) throws {
        let binary = module.binary
        for (index, segment) in binary.elements.enumerated() {
            switch segment.mode {
            case .active(let tableIndex, let offsetExpression):
                let offset = try Self.evaluate(offsetExpression, in: entities).low
                let table = entities.tables[Int(tableIndex)]
                let source = handle.pointee.elementSegments[index]
                let start = UInt64(UInt32(truncatingIfNeeded: offset))
                guard start + UInt64(source.length) <= UInt64(table.pointee.size) else {
                    throw Trap(.outOfBoundsTableAccess)
                }
                let references = source.bytes.assumingMemoryBound(to: UInt64.self)
                for i in 0..<Int(source.length) { table.pointee.elements[Int(start) + i] = references[i] }
                handle.pointee.elementSegments[index].length = 0
            case .declarative:
                handle.pointee.elementSegments[index].length = 0
            case .passive:
                break
            }
        }
        for (index, segment) in binary.data.enumerated() {
            guard case .active(let memoryIndex, let offsetExpression) = segment.mode else { continue }
            let offset = try Self.evaluate(offsetExpression, in: entities).low
            let memory = entities.memories[Int(memoryIndex)]
            let start = UInt64(UInt32(truncatingIfNeeded: offset))
            let count = UInt64(segment.bytes.count)
            guard start + count <= memory.pointee.size else { throw Trap(.outOfBoundsMemoryAccess) }
            if count > 0 {
                segment.bytes.withUnsafeBufferPointer { bytes in
                    (memory.pointee.base + Int(start)).update(from: bytes.baseAddress!, count: bytes.count)
                }
            }
            handle.pointee.dataSegments[index].length = 0
        }
    }

    /// Evaluates a validated constant expression (spec 4.4.10); `high` is the upper half of a
    /// v128. Most are one instruction; extended ones (3.0: integer `add`, `sub`, `mul`) run
    /// on a stack, which validation has checked leaves one value.
    static func evaluate(_ expression: ConstExpression, in entities: Entities) throws -> (low: UInt64, high: UInt64) {
        let instructions = expression.instructions
        if instructions.count == 1 { return try operand(instructions[0], in: entities) }
        var stack: [(low: UInt64, high: UInt64)] = []
        for instruction in instructions {
            if let operation = arithmetic(instruction) {
                let right = stack.removeLast().low, left = stack.removeLast().low
                stack.append((operation(left, right), 0))
            } else {
                stack.append(try operand(instruction, in: entities))
            }
        }
        return stack[0]
    }

    /// The value a constant instruction that takes no operands pushes.
    private static func operand(_ instruction: ConstInstruction, in entities: Entities) throws -> (low: UInt64, high: UInt64) {
        switch instruction {
        case .i32Const(let v): return (UInt64(UInt32(bitPattern: v)), 0)
        case .i64Const(let v): return (UInt64(bitPattern: v), 0)
        case .f32Const(let bits): return (UInt64(bits), 0)
        case .f64Const(let bits): return (bits, 0)
        case .refNull: return (0, 0)
        case .refFunc(let index): return (UInt64(UInt(bitPattern: entities.functions[Int(index)])), 0)
        case .globalGet(let index):
            let global = entities.globals[Int(index)].pointee
            return (global.value, global.high)
        case .v128Const(let v): return (v.low, v.high)
        case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul, .nonConstant:
            throw LinkError("unsupported constant expression instruction \(instruction)")
        }
    }

    /// The operation of an extended constant instruction on its two operands (an i32's in the
    /// low 32 bits, the result's upper bits zero), nil for the others.
    private static func arithmetic(_ instruction: ConstInstruction) -> ((UInt64, UInt64) -> UInt64)? {
        func i32(_ operation: @escaping (UInt32, UInt32) -> UInt32) -> (UInt64, UInt64) -> UInt64 {
            { UInt64(operation(UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $1))) }
        }
        switch instruction {
        case .i32Add: return i32(&+)
        case .i32Sub: return i32(&-)
        case .i32Mul: return i32(&*)
        case .i64Add: return (&+)
        case .i64Sub: return (&-)
        case .i64Mul: return (&*)
        default: return nil
        }
    }

    // MARK: Start

    /// Runs the start function, if the module has one (spec 4.5.4 step 16).
    private func start(_ entities: Entities) throws {
        guard let start = module.binary.start else { return }
        _ = try Function(handle: entities.functions[Int(start)], store: store).call([])
    }

    // MARK: Exports

    /// The global at `index` of the module's global index space (imports first), exported or
    /// not. Hosts use it for conventions such as LLVM's `__stack_pointer` (global 0).
    public func global(at index: Int) -> Global? {
        let globals = module.context.globals
        guard index >= 0, index < globals.count, let handle = self.handle.pointee.globals[index] else { return nil }
        return Global(handle: handle, store: store, type: globals[index])
    }

    /// The memory at `index` of the module's memory index space (imports first), exported or
    /// not. Memory 0 is the one `Caller.memory` gives host functions.
    public func memory(at index: Int) -> Memory? {
        guard index >= 0, index < module.context.memories.count, let handle = self.handle.pointee.memories[index] else { return nil }
        return Memory(handle: handle, store: store)
    }

    /// The exported function `name`, if there is one.
    public func function(named name: Name) -> Function? {
        if case .function(let f) = exports[name] { f } else { nil }
    }

    /// The exported memory `name`, if there is one.
    public func memory(named name: Name) -> Memory? {
        if case .memory(let m) = exports[name] { m } else { nil }
    }

    /// The exported global `name`, if there is one.
    public func global(named name: Name) -> Global? {
        if case .global(let g) = exports[name] { g } else { nil }
    }

    /// The exported tag `name`, if there is one.
    public func tag(named name: Name) -> ExceptionTag? {
        if case .tag(let t) = exports[name] { t } else { nil }
    }

    /// The exported table `name`, if there is one.
    public func table(named name: Name) -> Table? {
        if case .table(let t) = exports[name] { t } else { nil }
    }
}
