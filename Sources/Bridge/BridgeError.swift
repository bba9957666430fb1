import Diagnostics

/// A module the bridge cannot understand or a call it cannot make.
public struct BridgeError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E401"
    /// `HEARTH-E401`.
    public var code: String { Self.code }
    /// Always `.badCall`.
    public var kind: ErrorKind { .badCall }
    /// What the bridge cannot do, naming the function and parameter when there is one.
    public var message: String
    /// An error with `message`.
    package init(_ message: String) { self.message = message }
}
