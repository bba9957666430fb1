import Diagnostics

/// A WebAssembly trap: execution stopped for one of the reasons the spec defines (the
/// reasons, their messages and codes are generated from Utilities/traps.py).
public struct Trap: HearthError, Equatable {
    /// Why execution stopped; each reason has its own code (`HEARTH-E201`...).
    public var reason: Reason
    /// Where the trap happened: the function's index, its name when the module's name
    /// section has one, and the code offset of the instruction that trapped. Empty for a
    /// trap outside guest code (an out-of-bounds segment at instantiation, a host-side
    /// memory access).
    public var location: ErrorLocation

    /// A trap for `reason`. A host function may throw one; it comes out of the call unchanged,
    /// like any error a host function throws.
    public init(_ reason: Reason, location: ErrorLocation = ErrorLocation()) {
        self.reason = reason
        self.location = location
    }

    /// The reason's code.
    public var code: String { reason.code }
    /// Always `.trap`.
    public var kind: ErrorKind { .trap }
    /// The spec's wording of the reason (the reference interpreter's message).
    public var message: String { reason.message }
}
