import Diagnostics

/// A module that does not decode: what is wrong, and the byte offset where it was found.
public struct WasmBinaryError: HearthError, Equatable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"
    public var code: String { Self.code }
    public var kind: ErrorKind { .malformedModule }

    public var message: String
    public var offset: Int
    /// The function whose body does not decode, when the error is in a body (bodies are
    /// decoded as they are translated).
    public var functionIndex: UInt32?
    public var functionName: String?

    public init(_ message: String, offset: Int, functionIndex: UInt32? = nil, functionName: String? = nil) {
        self.message = message
        self.offset = offset
        self.functionIndex = functionIndex
        self.functionName = functionName
    }

    public var location: ErrorLocation {
        ErrorLocation(functionIndex: functionIndex, functionName: functionName, byteOffset: offset)
    }
}
