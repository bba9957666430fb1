import Diagnostics

/// The guest called `proc_exit`: not a failure, but the end of the run with `code`.
/// `WASI.run` turns it into the exit code it returns; a caller of a reactor's exports sees
/// it thrown out of the call.
public struct ProcessExit: Error, Sendable, Equatable {
    /// The exit code the guest gave.
    public var code: UInt32
}
