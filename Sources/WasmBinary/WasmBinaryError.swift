/// A module that does not decode: what is wrong, and the byte offset where it was found.
public struct WasmBinaryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"

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

    public var description: String {
        let function = functionIndex.map { " in function \($0)" + (functionName.map { " (\($0))" } ?? "") } ?? ""
        return "\(Self.code) malformed module: \(message)\(function) at byte offset \(offset)"
    }
}
