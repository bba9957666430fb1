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

    /// Set when a function body's bytes do not decode: the translator, which decodes bodies
    /// as it validates them, reports that as a `ValidationError` too, and `Module` turns it
    /// into the `WasmBinaryError` it is (see `reported`).
    var isMalformed = false

    public init(_ message: String, functionIndex: UInt32? = nil, offset: Int? = nil) {
        self.message = message
        self.functionIndex = functionIndex
        self.offset = offset
    }

    /// A function body that does not decode: the decoder's message and offset.
    init(decoding error: WasmBinaryError) {
        self.init(malformed: error.message, offset: error.offset)
    }

    /// A function body that breaks a rule of the binary format (spec 5), not of validation.
    init(malformed message: String, offset: Int? = nil) {
        self.init(message, offset: offset)
        isMalformed = true
    }

    /// What a module reports: a `WasmBinaryError` for a body that does not decode (with its
    /// function), else this error.
    var reported: any Error {
        guard isMalformed else { return self }
        return WasmBinaryError(message, offset: offset ?? 0, functionIndex: functionIndex, functionName: functionName)
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
