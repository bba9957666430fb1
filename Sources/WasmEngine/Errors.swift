import Diagnostics
import WasmBinary

/// A module that decodes but breaks a validation rule (spec chapter 3).
public struct InvalidModuleError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E102"
    /// `HEARTH-E102`.
    public var code: String { Self.code }
    /// Always `.invalidModule`.
    public var kind: ErrorKind { .invalidModule }
    /// The rule that was broken, mostly in the spec tests' wording (`type mismatch`).
    public var message: String
    /// The function index the rule was broken in, if it was inside a function body.
    public var functionIndex: UInt32?
    /// That function's name from the module's name section, when it has one.
    public var functionName: String?
    /// Byte offset in the module.
    public var offset: Int?

    /// Set when a function body's bytes do not decode: the translator, which decodes bodies
    /// as it validates them, reports that as an `InvalidModuleError` too, and `Module` turns it
    /// into the `WasmBinaryError` it is (see `reported`).
    var isMalformed = false
    /// With `isMalformed`: the feature the body uses that Hearth does not implement, if that
    /// is why it does not decode.
    var unsupportedFeature: WasmFeature?

    /// An error with `message`, in function `functionIndex` at `offset` when known.
    package init(_ message: String, functionIndex: UInt32? = nil, offset: Int? = nil) {
        self.message = message
        self.functionIndex = functionIndex
        self.offset = offset
    }

    /// A function body that does not decode: the decoder's message and offset.
    init(decoding error: WasmBinaryError) {
        self.init(malformed: error.message, offset: error.offset)
        unsupportedFeature = error.unsupportedFeature
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
        var error = WasmBinaryError(message, offset: offset ?? 0, functionIndex: functionIndex, functionName: functionName)
        error.unsupportedFeature = unsupportedFeature
        return error
    }

    /// Function index and name, and byte offset, as far as known.
    public var location: ErrorLocation {
        ErrorLocation(functionIndex: functionIndex, functionName: functionName, byteOffset: offset)
    }
}

/// Imports that cannot be satisfied, or a module that fails to instantiate.
public struct LinkError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E103"
    /// `HEARTH-E103`.
    public var code: String { Self.code }
    /// Always `.link`.
    public var kind: ErrorKind { .link }
    /// What cannot be linked or allocated, naming the import when it concerns one.
    public var message: String
    /// What to do about it, when there is something to say.
    public var remedy: String?
    /// An error with `message` and, if given, `remedy`.
    package init(_ message: String, remedy: String? = nil) {
        self.message = message
        self.remedy = remedy
    }
}

/// Arguments that do not fit the function called.
public struct CallError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E104"
    /// `HEARTH-E104`.
    public var code: String { Self.code }
    /// Always `.badCall`.
    public var kind: ErrorKind { .badCall }
    /// What does not fit, e.g. `argument 1 must be i32 but is i64`.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
}
