import WasmBinary

/// The module-wide facts validation needs (spec 3.1.1 "contexts"): the index spaces with
/// imports first, and the set of functions that `ref.func` may name. A class: every function's
/// translator holds it, and copying a struct of this many arrays retained each of them.
final class ModuleContext: Sendable {
    let module: BinaryModule
    /// Type index of every function, imported ones first.
    let functionTypeIndices: [UInt32]
    let tables: [TableType]
    let memories: [MemoryType]
    let globals: [GlobalType]
    let importedGlobalCount: Int
    let importedFunctionCount: Int
    /// Functions referenced outside function bodies (C.refs).
    let declaredReferences: Set<UInt32>

    init(module: BinaryModule) {
        self.module = module
        functionTypeIndices = module.importedFunctionTypes + module.functions
        tables = module.importedTables + module.tables
        memories = module.importedMemories + module.memories
        let imported = module.importedGlobals
        globals = imported + module.globals.map(\.type)
        importedGlobalCount = imported.count
        importedFunctionCount = module.importedFunctionTypes.count
        var references = Set<UInt32>()
        func collect(_ expression: ConstExpression) {
            for case .refFunc(let index) in expression.instructions { references.insert(index) }
        }
        module.globals.forEach { collect($0.initializer) }
        for segment in module.elements { segment.initializers.forEach(collect) }
        for export in module.exports where export.kind == .function { references.insert(export.index) }
        declaredReferences = references
    }

    func functionType(at index: UInt32) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < functionTypeIndices.count else { throw InvalidModuleError("unknown function \(index)") }
        return try type(at: functionTypeIndices[Int(index)])
    }

    func type(at index: UInt32) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < module.types.count else { throw InvalidModuleError("unknown type \(index)") }
        return module.types[Int(index)]
    }

    func table(at index: UInt32) throws(InvalidModuleError) -> TableType {
        guard Int(index) < tables.count else { throw InvalidModuleError("unknown table \(index)") }
        return tables[Int(index)]
    }

    func global(at index: UInt32) throws(InvalidModuleError) -> GlobalType {
        guard Int(index) < globals.count else { throw InvalidModuleError("unknown global \(index)") }
        return globals[Int(index)]
    }

    func requireMemory(_ index: UInt32 = 0) throws(InvalidModuleError) {
        guard Int(index) < memories.count else { throw InvalidModuleError("unknown memory \(index)") }
    }

    /// The data count the module declares; bulk data instructions require it.
    func requireDataSegment(_ index: UInt32) throws(InvalidModuleError) {
        guard let count = module.dataCount else { throw InvalidModuleError(malformed: "data count section required") }
        guard index < count else { throw InvalidModuleError("unknown data segment \(index)") }
    }

    func elementSegment(at index: UInt32) throws(InvalidModuleError) -> ElementSegment {
        guard Int(index) < module.elements.count else { throw InvalidModuleError("unknown elem segment \(index)") }
        return module.elements[Int(index)]
    }
}
