import Hearth

struct HearthEngine: BenchmarkEngine {
    let name = "Hearth"

    /// Lazy, like WasmKit's default: functions are translated on their first call.
    static let engine = Engine(configuration: .init(translation: .lazy))

    func instantiate(_ bytes: [UInt8]) throws -> any LoadedModule {
        let module = try Module(bytes: bytes, engine: Self.engine)
        let store = Store(engine: Self.engine)
        return HearthModule(store: store, instance: try Instance(module: module, store: store))
    }

    func instantiate(_ bytes: [UInt8], hostAdd form: HostFunctionForm) throws -> any LoadedModule {
        let module = try Module(bytes: bytes, engine: Self.engine)
        let store = Store(engine: Self.engine)
        var linker = Linker()
        switch form {
        case .typed:
            linker.define("env", "host_add") { (_: Caller, a: Int32, b: Int32) in a &+ b }
        case .values:
            linker.define("env", "host_add", type: FunctionType(parameters: [.i32, .i32], results: [.i32])) { _, arguments in
                guard case .i32(let a) = arguments[0], case .i32(let b) = arguments[1] else { throw BenchmarkError("host_add") }
                return [.i32(a &+ b)]
            }
        }
        return HearthModule(store: store, instance: try linker.instantiate(module, in: store))
    }

    func validateEagerly(_ bytes: [UInt8]) throws {
        _ = try Module(bytes: bytes)
    }

    func runWASI(_ bytes: [UInt8], _ command: WASICommand) throws -> UInt32 {
        let module = try Module(bytes: bytes, engine: Self.engine)
        let directories = command.directories.map { PreopenedDirectory(hostPath: $0.host, guestPath: $0.guest) }
        let wasi = try WASI(configuration: WASIConfiguration(arguments: command.arguments, environment: command.environment,
                                                             preopenedDirectories: directories,
                                                             standardInput: .file(command.standardInput),
                                                             standardOutput: .file(command.standardOutput), standardError: .file("/dev/null")))
        return try wasi.run(module, in: Store(engine: Self.engine))
    }
}

struct HearthModule: LoadedModule {
    let store: Store
    let instance: Instance

    func function(_ name: String) throws -> Function {
        guard let function = instance.function(named: Name(name)) else { throw BenchmarkError("no export \(name)") }
        return function
    }

    func run(_ n: Int32) throws -> UInt64 {
        guard case .i64(let value) = try function("run").call([.i32(n)]).first else { throw BenchmarkError("bad result") }
        return UInt64(bitPattern: value)
    }

    func callSmall() throws -> Int32 {
        guard case .i32(let value) = try function("small").call([]).first else { throw BenchmarkError("bad result") }
        return value
    }

    func add(_ a: Int32, _ b: Int32) throws -> Int32 {
        guard case .i32(let value) = try function("add").call([.i32(a), .i32(b)]).first else { throw BenchmarkError("bad result") }
        return value
    }

    /// Uses the typed API: the signature is checked once, values go straight into slots.
    func addLoop() throws -> (Int) throws -> Int32 {
        let add = try function("add").typed(Int32.self, Int32.self, returning: Int32.self)
        return { count in
            var last: Int32 = 0
            for i in 0..<count { last = try add(Int32(truncatingIfNeeded: i), 1) }
            return last
        }
    }

    func callHost(_ n: Int32) throws -> Int32 {
        try function("call_host").typed(Int32.self, returning: Int32.self)(n)
    }

    func stringRoundTrip() throws -> ([UInt8]) throws -> [UInt8] {
        let alloc = try function("alloc").typed(Int32.self, returning: Int32.self)
        let reverse = try function("reverse").typed(Int32.self, Int32.self, returning: Int32.self)
        let reset = try function("reset").typed()
        guard let memory = instance.memory(named: "memory") else { throw BenchmarkError("no memory") }
        return { input in
            let count = Int32(input.count)
            let pointer = try alloc(count)
            try memory.withUnsafeMutableBytes(at: Int(pointer), count: input.count) { $0.copyBytes(from: input) }
            let result = try reverse(pointer, count)
            let output = try memory.withUnsafeBytes(at: Int(result), count: input.count) { Array($0) }
            try reset()
            return output
        }
    }
}
