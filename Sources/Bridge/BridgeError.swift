/// A module the bridge cannot understand or a call it cannot make.
public struct BridgeError: Error, Sendable, CustomStringConvertible {
    public static let code = "HEARTH-E401"
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "\(Self.code) bridge: \(message)" }
}
