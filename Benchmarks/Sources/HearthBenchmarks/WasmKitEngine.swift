import Foundation
import WasmKit
import WasmKitWASI

struct WasmKitEngine: BenchmarkEngine {
    let name = "WasmKit"

    func instantiate(_ bytes: [UInt8]) throws -> any LoadedModule {
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: Engine())
        return WasmKitModule(instance: try module.instantiate(store: store))
    }

    func instantiate(_ bytes: [UInt8], hostAdd form: HostFunctionForm) throws -> any LoadedModule {
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: Engine())
        let hostAdd: Function
        switch form {
        case .typed:
            hostAdd = Function(store: store, parameters: [.i32, .i32], results: [.i32], raw: { _, arguments, results in
                guard case .i32(let a) = arguments[0], case .i32(let b) = arguments[1] else { throw BenchmarkError("host_add") }
                results[0] = .i32(a &+ b)
            })
        case .values:
            hostAdd = Function(store: store, parameters: [.i32, .i32], results: [.i32]) { _, arguments in
                guard case .i32(let a) = arguments[0], case .i32(let b) = arguments[1] else { throw BenchmarkError("host_add") }
                return [.i32(a &+ b)]
            }
        }
        var imports = Imports()
        imports.define(module: "env", name: "host_add", hostAdd)
        return WasmKitModule(instance: try module.instantiate(store: store, imports: imports))
    }

    func runWASI(_ bytes: [UInt8], _ command: WASICommand) throws -> UInt32 {
        let input = open(command.standardInput, O_RDONLY)
        let output = open(command.standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let null = open("/dev/null", O_RDWR)
        defer { close(input); close(output); close(null) }
        guard input >= 0, output >= 0, null >= 0 else { throw BenchmarkError("cannot open the standard streams") }
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: Engine())
        let wasi = try WASIBridgeToHost(args: command.arguments,
                                        environment: Dictionary(command.environment, uniquingKeysWith: { $1 }),
                                        preopens: command.directories.map { .init(guestPath: $0.guest, hostPath: $0.host) },
                                        stdin: input, stdout: output, stderr: null)
        // WasmKit requires the bridge closed before it goes.
        return try wasi.runAndClose { wasi in
            var imports = Imports()
            wasi.link(to: &imports, store: store)
            return try wasi.start(try module.instantiate(store: store, imports: imports))
        }
    }

    /// WasmKit compiles in `instantiate`, so the module is instantiated, with WASI's imports
    /// defined for a WASI program (its standard streams on /dev/null; nothing runs).
    func validateEagerly(_ bytes: [UInt8]) throws {
        let engine = Engine(configuration: EngineConfiguration(compilationMode: .eager))
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: engine)
        guard !module.imports.isEmpty else {
            _ = try module.instantiate(store: store)
            return
        }
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        let wasi = try WASIBridgeToHost(stdin: null, stdout: null, stderr: null)
        try wasi.runAndClose { wasi in
            var imports = Imports()
            wasi.link(to: &imports, store: store)
            _ = try module.instantiate(store: store, imports: imports)
        }
    }
}

struct WasmKitModule: LoadedModule {
    let instance: Instance

    func function(_ name: String) throws -> Function {
        guard let function = instance.exports[function: name] else { throw BenchmarkError("no export \(name)") }
        return function
    }

    func run(_ n: Int32) throws -> UInt64 {
        guard case .i64(let value) = try function("run")([.i32(UInt32(bitPattern: n))]).first else { throw BenchmarkError("bad result") }
        return value
    }

    func callSmall() throws -> Int32 {
        guard case .i32(let value) = try function("small")([]).first else { throw BenchmarkError("bad result") }
        return Int32(bitPattern: value)
    }

    func add(_ a: Int32, _ b: Int32) throws -> Int32 {
        guard case .i32(let value) = try function("add")([.i32(UInt32(bitPattern: a)), .i32(UInt32(bitPattern: b))]).first else { throw BenchmarkError("bad result") }
        return Int32(bitPattern: value)
    }

    func addLoop() throws -> (Int) throws -> Int32 {
        let add = try function("add")
        return { count in
            var last: UInt32 = 0
            for i in 0..<count {
                guard case .i32(let value) = try add([.i32(UInt32(truncatingIfNeeded: i)), .i32(1)]).first else { throw BenchmarkError("bad result") }
                last = value
            }
            return Int32(bitPattern: last)
        }
    }

    func callHost(_ n: Int32) throws -> Int32 {
        guard case .i32(let value) = try function("call_host")([.i32(UInt32(bitPattern: n))]).first else { throw BenchmarkError("bad result") }
        return Int32(bitPattern: value)
    }

    func stringRoundTrip() throws -> ([UInt8]) throws -> [UInt8] {
        let alloc = try function("alloc"), reverse = try function("reverse"), reset = try function("reset")
        guard let memory = instance.exports[memory: "memory"] else { throw BenchmarkError("no memory") }
        return { input in
            guard case .i32(let pointer) = try alloc([.i32(UInt32(input.count))]).first else { throw BenchmarkError("alloc") }
            memory.withUnsafeMutableBufferPointer(offset: UInt(pointer), count: input.count) { buffer in
                buffer.copyBytes(from: input)
            }
            guard case .i32(let result) = try reverse([.i32(pointer), .i32(UInt32(input.count))]).first else { throw BenchmarkError("reverse") }
            let output = memory.withUnsafeBufferPointer(offset: UInt(result), count: input.count) { Array($0) }
            _ = try reset([])
            return output
        }
    }
}
