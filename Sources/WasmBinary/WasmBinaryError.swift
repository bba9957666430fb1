import Diagnostics

/// A module that does not decode: what is wrong, and the byte offset where it was found.
public struct WasmBinaryError: HearthError, Equatable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"
    /// `HEARTH-E101`.
    public var code: String { Self.code }
    /// Always `.malformedModule`.
    public var kind: ErrorKind { .malformedModule }

    /// What is malformed, mostly in the spec tests' wording (`unexpected end`, `integer too large`).
    public var message: String
    /// Byte offset in the module where the problem was found.
    public var offset: Int
    /// The function whose body does not decode, when the error is in a body (bodies are
    /// decoded as they are translated).
    public var functionIndex: UInt32?
    /// That function's name from the name section, if it has one.
    public var functionName: String?

    /// An error at `offset` of the module, in the body of function `functionIndex` if given.
    package init(_ message: String, offset: Int, functionIndex: UInt32? = nil, functionName: String? = nil) {
        self.message = message
        self.offset = offset
        self.functionIndex = functionIndex
        self.functionName = functionName
    }

    /// The function, when known, and the byte offset.
    public var location: ErrorLocation {
        ErrorLocation(functionIndex: functionIndex, functionName: functionName, byteOffset: offset)
    }
}
