import CWasmEngine
import WasmBinary

/// A decoded, validated and translated module, ready to instantiate any number of times.
public final class Module: @unchecked Sendable {
    /// Everything the binary declares.
    public let binary: BinaryModule
    let context: ModuleContext
    /// Threaded code of each defined function, in function order.
    let functions: [CompiledFunction]

    /// Decodes and validates `bytes` and translates every function.
    /// Throws `WasmBinaryError` or `ValidationError`.
    public convenience init(bytes: [UInt8]) throws {
        try self.init(binary: ModuleParser.parse(bytes))
    }

    public init(binary: BinaryModule) throws(ValidationError) {
        self.binary = binary
        context = ModuleContext(module: binary)
        try ModuleValidator(context: context).validate()
        var functions: [CompiledFunction] = []
        functions.reserveCapacity(binary.codes.count)
        for (index, code) in binary.codes.enumerated() {
            let functionIndex = UInt32(context.importedFunctionCount + index)
            do {
                var translator = try FunctionTranslator(context: context, functionIndex: functionIndex, code: code)
                functions.append(CompiledFunction(try translator.translate()))
            } catch var error {
                error.functionIndex = functionIndex
                error.functionName = binary.functionNames[functionIndex]
                throw error
            }
        }
        self.functions = functions
    }

    /// The module's imports with their types.
    public var imports: [Import] { binary.imports }

    /// The module's exports with their types.
    public var exports: [(name: Name, type: ExternalType)] {
        binary.exports.map { export in
            let type: ExternalType
            switch export.kind {
            case .function: type = .function(context.functionTypeIndices[Int(export.index)])
            case .table: type = .table(context.tables[Int(export.index)])
            case .memory: type = .memory(context.memories[Int(export.index)])
            case .global: type = .global(context.globals[Int(export.index)])
            }
            return (export.name, type)
        }
    }

    /// The signature of an export that is a function.
    public func functionType(ofExport name: Name) -> FunctionType? {
        guard let export = binary.exports.first(where: { $0.name == name && $0.kind == .function }) else { return nil }
        return try? context.functionType(at: export.index)
    }
}

/// One function's threaded code in memory that does not move.
final class CompiledFunction {
    let code: UnsafeMutablePointer<UInt64>
    let paramSlots: UInt32
    let localSlots: UInt32
    let frameSlots: UInt32
    /// Code length in words.
    let count: Int

    init(_ result: FunctionTranslator.Result) {
        code = .allocate(capacity: result.code.count)
        code.initialize(from: result.code, count: result.code.count)
        paramSlots = result.paramSlots
        localSlots = result.localSlots
        frameSlots = result.frameSlots
        count = result.code.count
    }

    deinit { code.deallocate() }
}
