import CWasmEngine
import WasmBinary

/// A module instantiated in a store: its functions, memory, tables and globals, reachable
/// through its exports.
public final class Instance: @unchecked Sendable {
    public let module: Module
    public let store: Store
    let handle: UnsafeMutablePointer<HInstance>
    /// Exports by name.
    public private(set) var exports: [Name: Extern] = [:]

    /// Instantiates `module` (spec 4.5.4): resolves imports, allocates, initialises tables
    /// and memory from active segments, and runs the start function (unless `runStart` is
    /// false). Throws `LinkError` or `Trap`; segments applied before a trap stay applied, as
    /// the spec requires.
    public init(module: Module, store: Store, imports: Imports = Imports(), runStart: Bool = true) throws {
        self.module = module
        self.store = store
        handle = store.allocate(HInstance())
        let binary = module.binary
        let context = module.context
        store.retained.append(module)

        var functions: [UnsafeMutablePointer<HFunc>] = []
        var tables: [UnsafeMutablePointer<HTable>] = []
        var memory: UnsafeMutablePointer<HMemory>?
        var globals: [UnsafeMutablePointer<HGlobal>] = []
        for entry in binary.imports {
            guard let provided = imports[entry.module, entry.name] else {
                throw LinkError("unknown import \"\(entry.module)\".\"\(entry.name)\"")
            }
            let mismatch = LinkError("incompatible import type for \"\(entry.module)\".\"\(entry.name)\"")
            switch (entry.descriptor, provided) {
            case (.function(let typeIndex), .function(let function)):
                guard function.handle.pointee.typeID == TypeRegistry.id(of: binary.types[Int(typeIndex)]) else { throw mismatch }
                functions.append(function.handle)
            case (.table(let type), .table(let table)):
                guard table.elementType == type.elementType, Self.matches(table.type.limits, type.limits) else { throw mismatch }
                tables.append(table.handle)
            case (.memory(let type), .memory(let provided)):
                guard Self.matches(provided.type.limits, type.limits) else { throw mismatch }
                memory = provided.handle
            case (.global(let type), .global(let global)):
                guard global.type == type else { throw mismatch }
                globals.append(global.handle)
            default:
                throw mismatch
            }
        }

        let typeIDs = binary.types.map(TypeRegistry.id(of:))
        handle.pointee.typeIDs = UnsafePointer(store.allocateArray(typeIDs))
        // All defined functions in one allocation; untranslated ones point at one shared
        // PendingTranslation, which finds their index from their address. (Per function only
        // what differs: a module may define tens of thousands.)
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
        functions.reserveCapacity(functions.count + binary.functions.count)
        for index in binary.functions.indices { functions.append(defined + index) }
        handle.pointee.functions = store.allocateArray(count: functions.count) { functions[$0] }

        // Globals may refer to imported globals and functions, so they come after both.
        for global in binary.globals {
            let value = try Self.evaluate(global.initializer, functions: functions, globals: globals)
            globals.append(store.allocate(HGlobal(value: value.low, high: value.high)))
        }
        handle.pointee.globals = store.allocateArray(globals.map(Optional.some))

        for type in binary.tables {
            guard let table = store.allocateTable(type, initial: 0) else {
                throw LinkError("cannot allocate a table of \(type.limits.min) elements")
            }
            tables.append(table)
        }
        handle.pointee.tables = store.allocateArray(tables.map(Optional.some))
        if memory == nil, let type = binary.memories.first {
            guard let allocated = store.allocateMemory(type) else {
                throw LinkError("cannot allocate a memory of \(type.limits.min) pages")
            }
            memory = allocated
        }
        handle.pointee.memory = memory ?? store.noMemory

        var elementSegments: [HSegment] = []
        for segment in binary.elements {
            var references: [UInt64] = []
            for initializer in segment.initializers {
                references.append(try Self.evaluate(initializer, functions: functions, globals: globals).low)
            }
            let pointer = store.allocateArray(references)
            elementSegments.append(HSegment(bytes: pointer, length: UInt32(references.count)))
        }
        handle.pointee.elementSegments = store.allocateArray(elementSegments)
        var dataSegments: [HSegment] = []
        for segment in binary.data {
            let pointer = store.allocateArray(Array(segment.bytes))
            dataSegments.append(HSegment(bytes: pointer, length: UInt32(segment.bytes.count)))
        }
        handle.pointee.dataSegments = store.allocateArray(dataSegments)

        for export in binary.exports {
            let value: Extern
            switch export.kind {
            case .function: value = .function(Function(handle: functions[Int(export.index)], store: store))
            case .table:
                value = .table(Table(handle: tables[Int(export.index)], store: store,
                                     elementType: context.tables[Int(export.index)].elementType))
            case .memory: value = .memory(Memory(handle: handle.pointee.memory, store: store))
            case .global:
                value = .global(Global(handle: globals[Int(export.index)], store: store,
                                       type: context.globals[Int(export.index)]))
            }
            exports[export.name] = value
        }
        store.retained.append(self)

        try initializeSegments(tables: tables, globals: globals, functions: functions)
        if runStart, let start = binary.start {
            _ = try Function(handle: functions[Int(start)], store: store).call([])
        }
    }

    /// Applies active element and data segments in order, then drops them (spec 4.5.4 steps
    /// 14-15); declarative element segments are dropped too.
    private func initializeSegments(
        tables: [UnsafeMutablePointer<HTable>], globals: [UnsafeMutablePointer<HGlobal>],
        functions: [UnsafeMutablePointer<HFunc>]
    ) throws {
        let binary = module.binary
        for (index, segment) in binary.elements.enumerated() {
            switch segment.mode {
            case .active(let tableIndex, let offsetExpression):
                let offset = try Self.evaluate(offsetExpression, functions: functions, globals: globals).low
                let table = tables[Int(tableIndex)]
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
            guard case .active(_, let offsetExpression) = segment.mode else { continue }
            let offset = try Self.evaluate(offsetExpression, functions: functions, globals: globals).low
            let memory = handle.pointee.memory!
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

    /// Evaluates a validated constant expression; `high` is the upper half of a v128.
    static func evaluate(
        _ expression: ConstExpression, functions: [UnsafeMutablePointer<HFunc>],
        globals: [UnsafeMutablePointer<HGlobal>]
    ) throws -> (low: UInt64, high: UInt64) {
        var value: (low: UInt64, high: UInt64) = (0, 0)
        for instruction in expression.instructions {
            switch instruction {
            case .i32Const(let v): value = (UInt64(UInt32(bitPattern: v)), 0)
            case .i64Const(let v): value = (UInt64(bitPattern: v), 0)
            case .f32Const(let bits): value = (UInt64(bits), 0)
            case .f64Const(let bits): value = (bits, 0)
            case .refNull: value = (0, 0)
            case .refFunc(let index): value = (UInt64(UInt(bitPattern: functions[Int(index)])), 0)
            case .globalGet(let index): value = (globals[Int(index)].pointee.value, globals[Int(index)].pointee.high)
            case .v128Const(let v): value = (v.low, v.high)
            case .nonConstant(let name):
                throw LinkError("unsupported constant expression instruction \(name)")
            }
        }
        return value
    }

    /// Import matching of limits (spec 4.5.1): at least the required minimum, and a maximum
    /// no larger than the required one.
    static func matches(_ actual: Limits, _ required: Limits) -> Bool {
        guard actual.min >= required.min else { return false }
        guard let requiredMax = required.max else { return true }
        guard let actualMax = actual.max else { return false }
        return actualMax <= requiredMax
    }

    /// The global at `index` of the module's global index space (imports first), exported or
    /// not. Hosts use it for conventions such as LLVM's `__stack_pointer` (global 0).
    public func global(at index: Int) -> Global? {
        let globals = module.context.globals
        guard index >= 0, index < globals.count, let handle = self.handle.pointee.globals[index] else { return nil }
        return Global(handle: handle, store: store, type: globals[index])
    }

    /// The exported function `name`, if there is one.
    public func function(named name: Name) -> Function? {
        if case .function(let f) = exports[name] { f } else { nil }
    }

    public func memory(named name: Name) -> Memory? {
        if case .memory(let m) = exports[name] { m } else { nil }
    }

    public func global(named name: Name) -> Global? {
        if case .global(let g) = exports[name] { g } else { nil }
    }

    public func table(named name: Name) -> Table? {
        if case .table(let t) = exports[name] { t } else { nil }
    }
}
