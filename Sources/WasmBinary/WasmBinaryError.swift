import Diagnostics

/// A module that does not decode: what is wrong, and the byte offset where it was found.
///
/// A module that uses a WebAssembly feature Hearth does not implement (GC, memory64, relaxed
/// SIMD) is this error too, with `unsupportedFeature` set, its own code and kind: it may be
/// well-formed, but Hearth cannot read it.
public struct WasmBinaryError: HearthError, Equatable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E101"
    /// The code of a module that uses a feature Hearth does not implement.
    public static let unsupportedCode = "HEARTH-E106"
    /// `HEARTH-E101`, or `HEARTH-E106` for an unsupported feature.
    public var code: String { unsupportedFeature == nil ? Self.code : Self.unsupportedCode }
    /// `.malformedModule`, or `.unsupportedFeature`.
    public var kind: ErrorKind { unsupportedFeature == nil ? .malformedModule : .unsupportedFeature }
    /// The feature the module uses that Hearth does not implement, if that is the problem.
    public var unsupportedFeature: WasmFeature?

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

    /// A module that uses `feature`, found at `offset` (`what` names the construct).
    package init(unsupported feature: WasmFeature, _ what: String, offset: Int) {
        self.init("\(what) needs \(feature), which Hearth does not support yet", offset: offset)
        unsupportedFeature = feature
    }

    /// The function, when known, and the byte offset.
    public var location: ErrorLocation {
        ErrorLocation(functionIndex: functionIndex, functionName: functionName, byteOffset: offset)
    }
}

/// WebAssembly proposals Hearth recognises but does not implement.
public enum WasmFeature: String, Sendable, Hashable, CustomStringConvertible {
    /// Garbage collection: struct and array types, subtyping, `any`/`eq`/`i31` references.
    case gc = "WebAssembly GC"
    /// 64-bit memories and tables.
    case memory64 = "memory64"
    /// The relaxed SIMD instructions.
    case relaxedSIMD = "relaxed SIMD"
    /// The exception instructions before WebAssembly 3.0 (`try`, `catch`, `rethrow`, `delegate`).
    case legacyExceptions = "legacy exception handling"
    /// Shared memories and atomic instructions.
    case threads = "threads"

    /// The feature's name.
    public var description: String { rawValue }
}
