import WasmBinary

/// The module-wide facts validation needs (spec 3.1.1 "contexts"): the index spaces with
/// imports first, and the set of functions that `ref.func` may name. A class: every function's
/// translator holds it, and copying a struct of this many arrays retained each of them.
///
/// Types here are canonical: a reference to a function type names the type's process-wide id
/// (`TypeRegistry`), so equivalent types are equal wherever they were declared.
final class ModuleContext: Sendable {
    let module: BinaryModule
    /// The process-wide id of each type of the type section.
    let typeIDs: [UInt32]
    /// Each type of the type section, canonical.
    let types: [FunctionType]
    /// Type index of every function, imported ones first.
    let functionTypeIndices: [UInt32]
    let tables: [TableType]
    let memories: [MemoryType]
    let globals: [GlobalType]
    /// Type index of every tag, imported ones first.
    let tagTypeIndices: [UInt32]
    let importedGlobalCount: Int
    let importedFunctionCount: Int
    /// Functions referenced outside function bodies (C.refs).
    let declaredReferences: Set<UInt32>

    /// Resolves the module's types; throws "unknown type" for a reference to a type that
    /// does not exist or is declared later outside its recursive group.
    init(module: BinaryModule) throws(InvalidModuleError) {
        self.module = module
        var ids: [UInt32] = []
        for group in module.recursionGroups {
            var key: [FunctionType] = []
            for index in group {
                key.append(try module.types[index].mapReferences { (heapType) throws(InvalidModuleError) -> HeapType in
                    guard case .concrete(let target) = heapType else { return heapType }
                    if group.contains(Int(target)) { return .recursive(target - UInt32(group.lowerBound)) }
                    guard Int(target) < group.lowerBound else { throw InvalidModuleError("unknown type \(target)") }
                    return .concrete(ids[Int(target)])
                })
            }
            ids += TypeRegistry.ids(ofGroup: key)
        }
        typeIDs = ids
        types = ids.map(TypeRegistry.type(of:))
        let resolve = { (heapType: HeapType) throws(InvalidModuleError) -> HeapType in
            guard case .concrete(let index) = heapType else { return heapType }
            guard Int(index) < ids.count else { throw InvalidModuleError("unknown type \(index)") }
            return .concrete(ids[Int(index)])
        }
        functionTypeIndices = module.importedFunctionTypes + module.functions
        tables = try (module.importedTables + module.tables).map { (table) throws(InvalidModuleError) in
            TableType(elementType: try table.elementType.mapReferences(resolve), limits: table.limits)
        }
        memories = module.importedMemories + module.memories
        let imported = module.importedGlobals
        globals = try (imported + module.globals.map(\.type)).map { (global) throws(InvalidModuleError) in
            GlobalType(valueType: try global.valueType.mapReferences(resolve), isMutable: global.isMutable)
        }
        tagTypeIndices = module.importedTags + module.tags
        importedGlobalCount = imported.count
        importedFunctionCount = module.importedFunctionTypes.count
        var references = Set<UInt32>()
        func collect(_ expression: ConstExpression) {
            for case .refFunc(let index) in expression.instructions { references.insert(index) }
        }
        module.globals.forEach { collect($0.initializer) }
        for segment in module.elements { segment.initializers.forEach(collect) }
        for export in module.exports where export.kind == .function { references.insert(export.index) }
        for case let initializer? in module.tableInitializers { collect(initializer) }
        declaredReferences = references
    }

    func functionType(at index: UInt32) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < functionTypeIndices.count else { throw InvalidModuleError("unknown function \(index)") }
        return try type(at: functionTypeIndices[Int(index)])
    }

    func type(at index: UInt32) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < types.count else { throw InvalidModuleError("unknown type \(index)") }
        return types[Int(index)]
    }

    /// `type` with its reference to a type of the type section (if any) made canonical.
    func canonical(_ type: ValueType) throws(InvalidModuleError) -> ValueType {
        try type.mapReferences { (heapType) throws(InvalidModuleError) -> HeapType in try canonical(heapType) }
    }

    /// `heapType` made canonical: a type index becomes the type's id.
    func canonical(_ heapType: HeapType) throws(InvalidModuleError) -> HeapType {
        guard case .concrete(let index) = heapType else { return heapType }
        guard Int(index) < typeIDs.count else { throw InvalidModuleError("unknown type \(index)") }
        return .concrete(typeIDs[Int(index)])
    }

    /// The parameters of tag `index`.
    func tagParameters(_ index: UInt32) throws(InvalidModuleError) -> [ValueType] {
        guard Int(index) < tagTypeIndices.count else { throw InvalidModuleError("unknown tag \(index)") }
        return try tagParameters(type: tagTypeIndices[Int(index)])
    }

    /// The parameters of a tag of type `index`, which must have no results.
    func tagParameters(type index: UInt32) throws(InvalidModuleError) -> [ValueType] {
        let type = try self.type(at: index)
        guard type.results.isEmpty else { throw InvalidModuleError("non-empty tag result type") }
        return type.parameters
    }

    /// The type of `ref.func index`: a non-null reference to the function's type.
    func referenceType(ofFunction index: UInt32) throws(InvalidModuleError) -> ValueType {
        guard Int(index) < functionTypeIndices.count else { throw InvalidModuleError("unknown function \(index)") }
        let typeIndex = functionTypeIndices[Int(index)]
        guard Int(typeIndex) < typeIDs.count else { throw InvalidModuleError("unknown type \(typeIndex)") }
        return .ref(ReferenceType(nullable: false, .concrete(typeIDs[Int(typeIndex)])))
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
