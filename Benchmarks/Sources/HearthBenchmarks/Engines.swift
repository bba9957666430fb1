/// One engine under test, driven through its public embedding API.
protocol BenchmarkEngine {
    var name: String { get }
    /// Parses, validates/compiles as the engine does by default, and instantiates.
    func instantiate(_ bytes: [UInt8]) throws -> any LoadedModule
    /// Decodes and validates every function up front (eager translation).
    func validateEagerly(_ bytes: [UInt8]) throws
    /// Instantiates `bytes`, which imports `env.host_add(i32, i32) -> i32`, with a host function
    /// that adds: in the engine's fastest form (`typed`) or over arrays of values.
    func instantiate(_ bytes: [UInt8], hostAdd form: HostFunctionForm) throws -> any LoadedModule
    /// Runs the WASI command `bytes` as `command` says (standard error on /dev/null), from the
    /// raw bytes to its exit; returns the exit code.
    func runWASI(_ bytes: [UInt8], _ command: WASICommand) throws -> UInt32
}

/// How a benchmark's host function is written.
enum HostFunctionForm {
    /// The fastest form the engine's API offers: Hearth's typed closure, WasmKit's raw buffers.
    case typed
    /// Arguments and results as arrays of values, the form both engines started with.
    case values
}

/// An instantiated workload module.
protocol LoadedModule {
    /// Calls `run(n)` and returns its checksum.
    func run(_ n: Int32) throws -> UInt64
    /// Calls `small()` (the cold-start modules' tiny export).
    func callSmall() throws -> Int32
    /// Calls `add(a, b)`.
    func add(_ a: Int32, _ b: Int32) throws -> Int32
    /// Returns a closure that performs `count` typed `add` calls, as fast as the API allows.
    func addLoop() throws -> (Int) throws -> Int32
    /// Returns a closure doing one string round trip: alloc, copy in, reverse, read, reset.
    func stringRoundTrip() throws -> ([UInt8]) throws -> [UInt8]
    /// Calls `call_host(n)`: `n` guest-to-host calls of `host_add`; returns their sum.
    func callHost(_ n: Int32) throws -> Int32
}
