import WasmBinary

/// Validates everything outside function bodies (spec 3.4): limits, globals, segments,
/// exports and the start function. Function bodies are validated by `FunctionTranslator`.
struct ModuleValidator {
    let context: ModuleContext

    static let maxPages: UInt64 = 65536
    /// The most memories a module may have, imported ones included. Each reserves address
    /// space (8 GiB under guard pages), so a module of thousands could take all of the
    /// process's; the spec suites' modules have at most 9.
    static let maxMemories = 100

    func validate() throws(InvalidModuleError) {
        let module = context.module
        for (index, type) in module.functions.enumerated() {
            guard Int(type) < module.types.count else {
                throw InvalidModuleError("unknown type \(type) for function \(context.importedFunctionCount + index)")
            }
        }
        for entry in module.imports {
            switch entry.descriptor {
            case .function(let type): _ = try context.type(at: type)
            case .table(let table): try validateTable(table)
            case .memory(let memory): try validateMemory(memory)
            case .global: break
            case .tag(let type): _ = try context.tagParameters(type: type)
            }
        }
        for type in module.tags { _ = try context.tagParameters(type: type) }
        for table in module.tables { try validateTable(table) }
        for (index, initializer) in module.tableInitializers.enumerated() {
            let type = context.tables[context.tables.count - module.tables.count + index].elementType
            if let initializer {
                // The table section comes before the global section: only imports are visible.
                try validateConstant(initializer, type: type, visibleGlobals: context.importedGlobalCount)
            } else if !type.isDefaultable {
                throw InvalidModuleError("type mismatch: a table of \(type) needs an initializer")
            }
        }
        for memory in module.memories { try validateMemory(memory) }
        guard context.memories.count <= Self.maxMemories else {
            throw InvalidModuleError("too many memories: \(context.memories.count), at most \(Self.maxMemories) (imported ones included)")
        }
        for (index, global) in module.globals.enumerated() {
            try validateConstant(
                global.initializer, type: context.globals[context.importedGlobalCount + index].valueType,
                visibleGlobals: context.importedGlobalCount + index)
        }
        var names = Set<Name>()
        for export in module.exports {
            guard names.insert(export.name).inserted else { throw InvalidModuleError("duplicate export name \"\(export.name)\"") }
            switch export.kind {
            case .function: _ = try context.functionType(at: export.index)
            case .table: _ = try context.table(at: export.index)
            case .memory: try context.requireMemory(export.index)
            case .global: _ = try context.global(at: export.index)
            case .tag: _ = try context.tagParameters(export.index)
            }
        }
        if let start = module.start {
            let type = try context.functionType(at: start)
            guard type.parameters.isEmpty && type.results.isEmpty else {
                throw InvalidModuleError("start function \(start) must take and return nothing")
            }
        }
        for segment in module.elements {
            let segmentType = try context.canonical(segment.type)
            for initializer in segment.initializers {
                try validateConstant(initializer, type: segmentType, visibleGlobals: context.globals.count)
            }
            if case .active(let table, let offset) = segment.mode {
                let tableType = try context.table(at: table)
                guard segmentType.matches(tableType.elementType) else {
                    throw InvalidModuleError("type mismatch: element segment of \(segment.type) for table of \(tableType.elementType)")
                }
                try validateConstant(offset, type: .i32, visibleGlobals: context.globals.count)
            }
        }
        for segment in module.data {
            if case .active(let memory, let offset) = segment.mode {
                try context.requireMemory(memory)
                try validateConstant(offset, type: .i32, visibleGlobals: context.globals.count)
            }
        }
    }

    func validateTable(_ table: TableType) throws(InvalidModuleError) {
        try validateLimits(table.limits, bound: UInt64(UInt32.max), what: "table")
    }

    func validateMemory(_ memory: MemoryType) throws(InvalidModuleError) {
        try validateLimits(memory.limits, bound: Self.maxPages, what: "memory")
    }

    private func validateLimits(_ limits: Limits, bound: UInt64, what: String) throws(InvalidModuleError) {
        guard limits.min <= bound else { throw InvalidModuleError("\(what) size must be at most \(bound)") }
        if let max = limits.max {
            guard max <= bound else { throw InvalidModuleError("\(what) size must be at most \(bound)") }
            guard limits.min <= max else { throw InvalidModuleError("size minimum must not be greater than maximum") }
        }
    }

    /// A constant expression of one value of `type` (spec 3.3.10). In 2.0, `global.get` may
    /// only read immutable imported globals; in 3.0 any earlier immutable global (the first
    /// `visibleGlobals`), and integer `add`, `sub` and `mul` are constant (extended-const).
    func validateConstant(_ expression: ConstExpression, type: ValueType, visibleGlobals: Int) throws(InvalidModuleError) {
        var stack: [ValueType] = []
        /// An extended constant instruction (3.0): two operands of `type`, one result.
        func arithmetic(_ type: ValueType) throws(InvalidModuleError) {
            guard stack.count >= 2, stack.suffix(2).allSatisfy({ $0 == type }) else {
                throw InvalidModuleError("type mismatch: \(type) operands expected in constant expression", offset: expression.offset)
            }
            stack.removeLast()
        }
        for instruction in expression.instructions {
            switch instruction {
            case .i32Add, .i32Sub, .i32Mul: try arithmetic(.i32)
            case .i64Add, .i64Sub, .i64Mul: try arithmetic(.i64)
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .v128Const: stack.append(.v128)
            case .refNull(let heapType): stack.append(.ref(ReferenceType(nullable: true, try context.canonical(heapType))))
            case .refFunc(let index):
                stack.append(try context.referenceType(ofFunction: index))
            case .globalGet(let index):
                guard Int(index) < visibleGlobals else {
                    throw InvalidModuleError("unknown global \(index) in constant expression", offset: expression.offset)
                }
                let global = context.globals[Int(index)]
                guard !global.isMutable else {
                    throw InvalidModuleError("constant expression required: global \(index) is mutable", offset: expression.offset)
                }
                stack.append(global.valueType)
            case .nonConstant(let name):
                throw InvalidModuleError("constant expression required: \(name) is not constant", offset: expression.offset)
            }
        }
        guard stack.count == 1, stack[0].matches(type) else {
            throw InvalidModuleError("type mismatch: constant expression must produce \(type)", offset: expression.offset)
        }
    }
}
