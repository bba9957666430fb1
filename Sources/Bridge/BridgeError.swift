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
    /// What to do about it, when there is something to say.
    public var remedy: String?
    /// An error with `message` and, if given, `remedy`.
    package init(_ message: String, remedy: String? = nil) {
        self.message = message
        self.remedy = remedy
    }
}
