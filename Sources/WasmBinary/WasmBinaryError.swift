/// A module that does not decode: what is wrong, and the byte offset where it was found.
public struct WasmBinaryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"

    public var message: String
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(Self.code) malformed module: \(message) at byte offset \(offset)" }
}
