import WasmBinary
import WasmEngine

/// WASI preview 1 (`wasi_snapshot_preview1`) for guests: their arguments, environment,
/// clocks, randomness and standard streams, as `configuration` says.
///
/// So far this is the part of preview 1 a program needs that touches no files: the
/// functions `define(in:)` lists. A module importing another WASI function fails to link
/// with a `LinkError` naming it. One `WASI` serves one guest at a time, on its store's thread.
public final class WASI {
    /// The module name WASI preview 1 functions are imported from.
    public static let moduleName: Name = "wasi_snapshot_preview1"

    /// What the guest sees.
    public let configuration: WASIConfiguration
    /// Standard streams the guest closed (`fd_close`); later use is `badf`.
    var closed: Set<Int32> = []
    /// How far the guest has read `WASIInput.bytes`.
    var inputOffset = 0

    /// A WASI for one guest, configured by `configuration`.
    public init(configuration: WASIConfiguration = WASIConfiguration()) {
        self.configuration = configuration
    }

    /// Defines this WASI's functions in `linker`, under `wasi_snapshot_preview1`.
    public func define(in linker: inout Linker) {
        defineEnvironment(in: &linker)
        defineStreams(in: &linker)
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
                throw LinkError("the module exports no _start: it is not a WASI command")
            }
            _ = try start.call([])
            return 0
        } catch let exit as ProcessExit {
            return exit.code
        }
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
}
