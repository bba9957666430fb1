import CWasmEngine
import Synchronization
import WasmBinary

/// A decoded, validated and translated module: compiled by an `Engine`, ready to instantiate
/// any number of times, in any number of stores.
public final class Module: @unchecked Sendable {
    /// Everything the binary declares.
    public let binary: BinaryModule
    let context: ModuleContext
    /// Threaded code of each defined function, in function order, once translated.
    private let compiled: Mutex<Translations>
    /// Where all of it lies.
    let codeArena = CodeArena()

    private struct Translations {
        var functions: TranslationTable
        /// The translator of first calls, kept from call to call.
        var translator: FunctionTranslator?
    }

    /// The engine that compiled the module.
    public let engine: Engine

    /// Decodes and validates `bytes` and translates every function (or, when the engine's
    /// translation is `.lazy`, each function on its first call). Throws `WasmBinaryError` or
    /// `InvalidModuleError`.
    public convenience init(bytes: [UInt8], engine: Engine = .default) throws {
        try self.init(binary: ModuleParser.parse(bytes), engine: engine)
    }

    /// Validates and translates a module already decoded, as `init(bytes:engine:)` does.
    /// Throws `InvalidModuleError`, or `WasmBinaryError` for a function body that does not
    /// decode (bodies are decoded as they are translated).
    public init(binary: BinaryModule, engine: Engine = .default) throws {
        self.binary = binary
        self.engine = engine
        context = try ModuleContext(module: binary)
        try ModuleValidator(context: context).validate()
        compiled = Mutex(Translations(functions: TranslationTable(count: binary.codes.count)))
        if engine.configuration.translation == .eager {
            do { try translateAll() } catch { throw error.reported }
        }
    }

    /// The translation of defined function `index`, made on first request and shared by every
    /// instance of the module. (Made under the lock: it takes microseconds, and threads
    /// asking for the same function then wait for one translation instead of each making one.)
    func compiledFunction(_ index: Int) throws(InvalidModuleError) -> CompiledFunction {
        try compiled.withLock { (cache) throws(InvalidModuleError) -> CompiledFunction in
            if let done = cache.functions[index] { return done }
            var translator = cache.translator ?? makeTranslator()
            // Kept for the next first call, but not with the arrays a large function grew: the
            // module may live long.
            defer { cache.translator = translator.holdsLargeBuffers ? nil : translator }
            let function = try translate(index, with: &translator)
            cache.functions.record(function, at: index)
            return function
        }
    }

    /// A translator for this module's functions, making code as the engine says.
    func makeTranslator() -> FunctionTranslator {
        FunctionTranslator(context: context, arena: codeArena, checksLimits: engine.configuration.interruptible)
    }

    /// Translates defined function `index` with `translator`, without looking at or filling
    /// the cache.
    func translate(_ index: Int, with translator: inout FunctionTranslator) throws(InvalidModuleError) -> CompiledFunction {
        let functionIndex = UInt32(context.importedFunctionCount + index)
        do {
            let result = try translator.translate(functionIndex: functionIndex, code: binary.codes[index])
            return CompiledFunction(result, allocator: &translator.codeAllocator)
        } catch var error {
            error.functionIndex = functionIndex
            error.functionName = binary.functionNames[functionIndex]
            throw error
        }
    }

    /// Fills the cache with `functions`, the translations of defined functions from `start` on
    /// (one lock for many functions).
    func store(_ functions: [CompiledFunction], from start: Int) {
        compiled.withLock { cache in
            for (offset, function) in functions.enumerated() where cache.functions[start + offset] == nil {
                cache.functions.record(function, at: start + offset)
            }
        }
    }

    /// Calls `body` with the translations made so far (nil for the functions not yet
    /// translated), under one lock.
    func withTranslatedFunctions(_ body: (TranslationTable) -> Void) {
        compiled.withLock { body($0.functions) }
    }

    deinit {
        compiled.withLock { $0.functions.deallocate() }
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
            case .tag: type = .tag(context.tagTypeIndices[Int(export.index)])
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
