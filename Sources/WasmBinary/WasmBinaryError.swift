import Diagnostics

/// A module that does not decode: what is wrong, and the byte offset where it was found.
public struct WasmBinaryError: HearthError, Equatable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"
    public var code: String { Self.code }
    public var kind: ErrorKind { .malformedModule }

    public var message: String
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var location: ErrorLocation { ErrorLocation(byteOffset: offset) }
}
