import Diagnostics
import WasmBinary

/// A module that decodes but breaks a validation rule (spec chapter 3).
public struct ValidationError: HearthError {
    public static let code = "HEARTH-E102"
    public var code: String { Self.code }
    public var kind: ErrorKind { .invalidModule }
    public var message: String
    /// The function index the rule was broken in, if it was inside a function body.
    public var functionIndex: UInt32?
    public var functionName: String?
    /// Byte offset in the module.
    public var offset: Int?

    public init(_ message: String, functionIndex: UInt32? = nil, offset: Int? = nil) {
        self.message = message
        self.functionIndex = functionIndex
        self.offset = offset
    }

    /// A function body that does not decode: the decoder's message and offset.
    init(decoding error: WasmBinaryError) {
        self.init(error.message, offset: error.offset)
    }

    public var location: ErrorLocation {
        ErrorLocation(functionIndex: functionIndex, functionName: functionName, byteOffset: offset)
    }
}

/// Imports that cannot be satisfied, or a module that fails to instantiate.
public struct LinkError: HearthError {
    public static let code = "HEARTH-E103"
    public var code: String { Self.code }
    public var kind: ErrorKind { .link }
    public var message: String
    public init(_ message: String) { self.message = message }
}
