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

    /// An error at `offset` of the module.
    package init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The byte offset.
    public var location: ErrorLocation { ErrorLocation(byteOffset: offset) }
}
