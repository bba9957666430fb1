import WasmBinary

/// Something an instance exports or an import is satisfied with.
public enum Extern: Sendable {
    /// A wasm or host function.
    case function(Function)
    /// A table of references.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global variable.
    case global(Global)
    /// An exception tag.
    case tag(ExceptionTag)

    /// The store it lives in.
    var store: Store {
        switch self {
        case .function(let function): function.store
        case .table(let table): table.store
        case .memory(let memory): memory.store
        case .global(let global): global.store
        case .tag(let tag): tag.store
        }
    }

    /// Its kind and type as an error message shows them: `func (i32) -> (i32)`.
    var typeDescription: String {
        switch self {
        case .function(let function): "func \(function.type)"
        case .table(let table): ExternalType.table(table.type).descriptionWithoutFunctions
        case .memory(let memory): ExternalType.memory(memory.type).descriptionWithoutFunctions
        case .global(let global): ExternalType.global(global.type).descriptionWithoutFunctions
        case .tag(let tag): "tag \(FunctionType(parameters: tag.parameters, results: []))"
        }
    }
}

extension ExternalType {
    /// `table funcref 1..2`, `memory 1..`, `global mut i32`; a function as its type index.
    var descriptionWithoutFunctions: String {
        switch self {
        case .function(let index): "func type \(index)"
        case .table(let type): "table \(type.elementType) \(type.limits)"
        case .memory(let type): "memory \(type.limits)"
        case .global(let type): "global \(type.isMutable ? "mut " : "")\(type.valueType)"
        case .tag(let index): "tag type \(index)"
        }
    }
}

extension Module {
    /// An import's kind and type as an error message shows them, with a function's signature.
    func describe(_ type: ExternalType) -> String {
        if case .function(let index) = type { return "func \(binary.types[Int(index)])" }
        if case .tag(let index) = type { return "tag \(binary.types[Int(index)])" }
        return type.descriptionWithoutFunctions
    }
}
