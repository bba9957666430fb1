import Diagnostics

/// A module the bridge cannot understand or a call it cannot make.
public struct BridgeError: HearthError {
    public static let code = "HEARTH-E401"
    public var code: String { Self.code }
    public var kind: ErrorKind { .badCall }
    public var message: String
    public init(_ message: String) { self.message = message }
}
