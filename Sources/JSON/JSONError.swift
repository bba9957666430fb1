import Diagnostics

/// Text that is not JSON: what json-c reported, and where (byte offset, line, column).
public struct JSONError: HearthError, Equatable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E301"
    /// `HEARTH-E301`.
    public var code: String { Self.code }
    /// Always `.invalidJSON`.
    public var kind: ErrorKind { .invalidJSON }
    /// json-c's description of the problem, or Hearth's for what it checks itself.
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// 1-based line of the offset.
    public var line: Int
    /// 1-based column of the offset, in bytes from the start of its line.
    public var column: Int

    /// What to do about it, when whoever parsed the text knows (the CLI: "strings need quotes").
    public var remedy: String?

    /// Byte offset, line and column.
    public var location: ErrorLocation { ErrorLocation(byteOffset: offset, line: line, column: column) }

    init(_ message: String, offset: Int, in bytes: some Collection<UInt8>) {
        self.message = message
        self.offset = offset
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }
}
