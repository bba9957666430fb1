/// Text that is not JSON: what json-c reported, and where (byte offset, line, column).
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public static let code = "HEARTH-E301"
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// 1-based line and column (in bytes) of the offset.
    public var line: Int
    public var column: Int

    public var description: String {
        "\(Self.code) invalid JSON: \(message) at line \(line), column \(column) (byte offset \(offset))"
    }

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
