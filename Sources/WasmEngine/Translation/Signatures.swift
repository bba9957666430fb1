import WasmBinary

/// The signatures a translator looks up for functions, calls and blocks, in arrays of its
/// own (see `FunctionTranslator.signatures`).
struct Signatures {
    private let types: [FunctionType]
    /// `() -> (t)` for each value type `t` of `slot(of:)`.
    private let singleResults: [FunctionType]

    /// The signatures of `context`'s types (canonical).
    init(_ moduleTypes: [FunctionType]) {
        // `map` makes new arrays: the copies share nothing with the module's.
        types = moduleTypes.map { FunctionType(parameters: $0.parameters.map { $0 }, results: $0.results.map { $0 }) }
        singleResults = [.i32, .i64, .f32, .f64, .v128, .funcref, .externref, .exnref].map {
            FunctionType(parameters: [], results: [$0])
        }
    }

    func ofType(_ index: UInt32) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < types.count else { throw InvalidModuleError("unknown type \(index)") }
        return types[Int(index)]
    }

    func ofFunction(_ index: UInt32, in context: ModuleContext) throws(InvalidModuleError) -> FunctionType {
        guard Int(index) < context.functionTypeIndices.count else { throw InvalidModuleError("unknown function \(index)") }
        return try ofType(context.functionTypeIndices[Int(index)])
    }

    /// A block's signature; a block of one value type must have had it made canonical.
    func ofBlock(_ type: BlockType) throws(InvalidModuleError) -> FunctionType {
        switch type {
        case .empty: FunctionType(parameters: [], results: [])
        case .value(let value):
            Self.slot(of: value).map { singleResults[$0] } ?? FunctionType(parameters: [], results: [value])
        case .typeIndex(let index): try ofType(index)
        }
    }

    private static func slot(of type: ValueType) -> Int? {
        switch type {
        case .i32: 0
        case .i64: 1
        case .f32: 2
        case .f64: 3
        case .v128: 4
        case .funcref: 5
        case .externref: 6
        case .exnref: 7
        default: nil
        }
    }
}
