import ArgumentParser
import Hearth

struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call an exported function and print its results, one per line.",
        discussion: """
            For a wasm-bindgen module (Rust), arguments are JSON values and the result is printed \
            as JSON: hearth call examples/rust/greet/greet.wasm greet '"World"'. \
            Classes: hearth call examples/rust/calculator/calculator.wasm Calculator.new 10
            For any other module, arguments are parsed by the export's signature: integers in \
            decimal (or 0x hex), floats as decimals, inf, -inf or nan: hearth call \
            examples/c/math.wasm add 2 3. Such a module may import WASI preview 1 (nothing else): \
            it gets the options below and this process's standard streams, and a reactor's \
            _initialize runs before the call.
            An AssemblyScript module (compiled with --exportRuntime) takes and returns JSON too, \
            with its exports' types read from a sidecar next to it, NAME.as.json: \
            {"functions": {"greet": {"parameters": ["string"], "result": "string"}}}.
            A plugin manifest (a .json file, docs/manifest.md) in place of the module calls its \
            main module's export, or another module's as MODULE:EXPORT, with JSON arguments: \
            hearth call examples/multi-module/plugin.json sha256_hex '"abc"'; \
            hearth call examples/multi-module/plugin.json math.wasm:gcd 12 18.
            --fuel, --timeout-ms and --memory-limit bound the call (overriding a manifest's \
            limits); a call they stop exits 72.
            """
    )

    @Argument(help: "The .wasm module, or a plugin manifest (.json).")
    var file: String

    @Argument(help: "The exported function to call.")
    var export: String

    @OptionGroup var hostImports: HostImportOptions

    @OptionGroup var wasiOptions: WASIOptions

    @OptionGroup var limits: LimitOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments, one per parameter.")
    var arguments: [String] = []

    func run() throws {
        do {
            if PluginLoading.isManifest(file) {
                try wasiOptions.refuseForManifest()
                let plugin = try PluginLoading.plugin(file, limits: limits, hostImports: try hostImports.given())
                print(try limits.namingOptions { try plugin.call(export, try jsonArguments()) }.serialized())
                return
            }
            let module = try Module(bytes: try readModuleBytes(file), engine: limits.engine)
            if module.isBindgenModule {
                try callBindgen(module)
                return
            }
            if AssemblyScriptGuest.isAssemblyScript(module) {
                try callAssemblyScript(module)
                return
            }
            guard let type = module.functionType(ofExport: Name(export)) else {
                let names = module.exports.compactMap { if case .function = $0.type { $0.name.description } else { nil } }
                throw CallError("no exported function \"\(export)\"; exported functions: \(names.joined(separator: ", "))")
            }
            guard arguments.count == type.parameters.count else {
                throw CallError("\(export) takes \(type.parameters.count) arguments \(type) but \(arguments.count) were given")
            }
            var values: [Value] = []
            for (index, (text, parameterType)) in zip(arguments, type.parameters).enumerated() {
                guard let value = ArgumentParsing.value(text, as: parameterType) else {
                    throw CallError("argument \(index + 1) of \(export) must be \(parameterType), got \"\(text)\"")
                }
                values.append(value)
            }
            let store = limits.store(for: module)
            let wasi = module.imports.contains(where: { $0.module == WASI.moduleName })
                ? try WASI(configuration: try wasiOptions.configuration(arguments: [file])) : nil
            // The limits hold from instantiation (a start function, _initialize) to the result.
            let results = try limits.withLimits(on: store) {
                let instance = try wasi.map { try $0.initialize(module, in: store) } ?? Instance(module: module, store: store)
                return try instance.function(named: Name(export))!.call(values)
            }
            for result in results { print(ArgumentParsing.format(result)) }
        } catch let exit as ProcessExit {
            if exit.code != 0 { throw ExitCode(Int32(bitPattern: exit.code)) }
        } catch {
            throw report(error)
        }
    }

    /// JSON in, JSON out, through AssemblyScript's runtime ABI and the module's sidecar.
    func callAssemblyScript(_ module: Module) throws {
        let store = limits.store(for: module)
        let result = try limits.withLimits(on: store) {
            try AssemblyScriptLoading.guest(module, file: file, store: store).call(export, try jsonArguments())
        }
        print(result.serialized())
    }

    /// The arguments as JSON values.
    func jsonArguments() throws -> [JSON] {
        var values: [JSON] = []
        for (index, text) in arguments.enumerated() {
            do {
                values.append(try JSON.parse(text))
            } catch {
                var error = error
                error.remedy = "argument \(index + 1) is not JSON; strings need quotes, e.g. '\"World\"'"
                throw error
            }
        }
        return values
    }

    /// JSON in, JSON out, through the bridge.
    func callBindgen(_ module: Module) throws {
        var values = try jsonArguments()
        // `Class.new` and `Class.staticMethod` work as in the repl.
        let bindings = try Bindings(module: module)
        var linker = Linker()
        if module.imports.contains(where: { $0.module == WASI.moduleName }) {
            try WASI(configuration: try wasiOptions.configuration(arguments: [file])).define(in: &linker)
        }
        let store = limits.store(for: module)
        let imports = try hostImports.hostImports(for: bindings)
        let result = try limits.withLimits(on: store) {
            var session = ReplSession(guest: try Guest(module: module, bindings: bindings, imports: imports, store: store, linker: linker))
            return try session.call(export, values).0
        }
        print(result.serialized())
    }
}

enum ArgumentParsing {
    static func value(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32: return integer(text, bits: 32).map { .i32(Int32(truncatingIfNeeded: $0)) }
        case .i64: return integer(text, bits: 64).map { .i64($0) }
        case .f32: return Float(text).map { .f32($0) }
        case .f64: return Double(text).map { .f64($0) }
        case .externref: return text == "null" ? .externref(nil) : UInt64(text).map { .externref($0) }
        case .ref(let reference):
            guard text == "null", reference.isNullable else { return nil }
            return .zero(type)
        case .v128: return nil
        }
    }

    /// Signed or unsigned decimal, or 0x hex, that fits in `bits`.
    static func integer(_ text: String, bits: Int) -> Int64? {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let magnitude: UInt64?
        if body.lowercased().hasPrefix("0x") {
            magnitude = UInt64(body.dropFirst(2), radix: 16)
        } else {
            magnitude = UInt64(body)
        }
        guard let magnitude else { return nil }
        if bits == 32 {
            if negative { return magnitude <= 1 << 31 ? -Int64(magnitude) : nil }
            return magnitude <= UInt64(UInt32.max) ? Int64(Int32(truncatingIfNeeded: magnitude)) : nil
        }
        if negative { return magnitude <= 1 << 63 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return Int64(bitPattern: magnitude)
    }

    static func format(_ value: Value) -> String {
        switch value {
        case .f32(let f) where f.isNaN: return "nan:0x" + String(f.bitPattern, radix: 16)
        case .f64(let d) where d.isNaN: return "nan:0x" + String(d.bitPattern, radix: 16)
        default: return value.description
        }
    }
}
