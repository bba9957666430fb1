#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmBinary
import WasmEngine

/// WASI preview 1 (`wasi_snapshot_preview1`) for guests: all 46 functions, over the
/// arguments, environment, pre-opened directories and standard streams `configuration`
/// gives.
///
/// The guest sees only the directories pre-opened for it: every path is resolved beneath
/// one of them, component by component, and none leads out (see `resolve`). One `WASI`
/// serves one guest at a time, on its store's thread; its host files close when it goes.
public final class WASI {
    /// The module name WASI preview 1 functions are imported from.
    public static let moduleName: Name = "wasi_snapshot_preview1"

    /// What the guest sees.
    public let configuration: WASIConfiguration
    /// The guest's open descriptors: standard streams, pre-opens, files it opened.
    var descriptors = DescriptorTable()

    /// A WASI for one guest, configured by `configuration`: opens its pre-opened directories
    /// and the files its standard streams name, or throws `WASISetupError` naming the one
    /// that cannot be opened.
    public init(configuration: WASIConfiguration = WASIConfiguration()) throws(WASISetupError) {
        self.configuration = configuration
        try open(Self.standardInput(configuration.standardInput))
        try open(Self.standardOutput(configuration.standardOutput, fd: 1))
        try open(Self.standardOutput(configuration.standardError, fd: 2))
        for directory in configuration.preopenedDirectories {
            try open(Self.preopen(directory))
        }
    }

    /// Defines this WASI's functions in `linker`, under `wasi_snapshot_preview1`.
    public func define(in linker: inout Linker) {
        defineEnvironment(in: &linker)
        defineDescriptors(in: &linker)
        defineFiles(in: &linker)
        defineDirectories(in: &linker)
        definePaths(in: &linker)
        definePoll(in: &linker)
        defineSockets(in: &linker)
    }

    /// Runs a command module (one that exports `_start`): instantiates it in `store` with
    /// `linker`'s definitions and this WASI's, calls `_start`, and returns the exit code:
    /// the one the guest gave `proc_exit`, or 0 when `_start` returns. Traps and link errors
    /// are thrown.
    public func run(_ module: Module, in store: Store, linker: Linker = Linker()) throws -> UInt32 {
        var linker = linker
        define(in: &linker)
        do {
            let instance = try linker.instantiate(module, in: store)
            guard let start = instance.function(named: "_start") else {
                throw LinkError("the module exports no _start: it is not a WASI command",
                                remedy: "a reactor's exports are called with `hearth call` or `WASI.initialize`")
            }
            _ = try start.call([])
            return 0
        } catch let exit as ProcessExit {
            return exit.code
        }
    }

    /// Instantiates a reactor (a module that exports `_initialize` and functions to call) in
    /// `store` with `linker`'s definitions and this WASI's, runs `_initialize` if it has one,
    /// and returns the instance, ready for its exports to be called.
    public func initialize(_ module: Module, in store: Store, linker: Linker = Linker()) throws -> Instance {
        var linker = linker
        define(in: &linker)
        let instance = try linker.instantiate(module, in: store)
        try Self.initialize(instance)
        return instance
    }

    /// Runs an instance's `_initialize`, if it exports one (a WASI reactor's constructor).
    public static func initialize(_ instance: Instance) throws {
        if let initialize = instance.function(named: "_initialize") { _ = try initialize.call([]) }
    }

    /// Runs a WASI function's body and gives the guest its errno: success, or the errno of
    /// the `WASIError` it threw.
    static func returningErrno(_ body: () throws(WASIError) -> Void) -> Int32 {
        do {
            try body()
            return Errno.success.rawValue
        } catch {
            return error.errno.rawValue
        }
    }

    private func open(_ descriptor: Descriptor) throws(WASISetupError) {
        do {
            _ = try descriptors.insert(descriptor)
        } catch {
            throw WASISetupError("more than \(DescriptorTable.limit) pre-opened directories")
        }
    }
}
