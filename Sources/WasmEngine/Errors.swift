import CWasmEngine
import WasmBinary

/// A module that decodes but breaks a validation rule (spec chapter 3).
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    public static let code = "HEARTH-E102"
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

    public var description: String {
        var place: [String] = []
        if let functionIndex {
            place.append("in function \(functionIndex)" + (functionName.map { " (\($0))" } ?? ""))
        }
        if let offset { place.append("at byte offset \(offset)") }
        return "\(Self.code) invalid module: \(message)" + (place.isEmpty ? "" : " " + place.joined(separator: " "))
    }
}

/// Imports that cannot be satisfied, or a module that fails to instantiate.
public struct LinkError: Error, Sendable, CustomStringConvertible {
    public static let code = "HEARTH-E103"
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "\(Self.code) link error: \(message)" }
}

/// A WebAssembly trap: execution stopped for one of the reasons the spec defines.
public struct Trap: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unreachable
        case integerDivideByZero
        case integerOverflow
        case invalidConversionToInteger
        case outOfBoundsMemoryAccess
        case outOfBoundsTableAccess
        case undefinedElement
        case uninitializedElement
        case indirectCallTypeMismatch
        case callStackExhausted
        /// A host function stopped the guest without an error to report. (Host errors
        /// themselves come out of the call unchanged; this is the fallback for a status
        /// that carries none.)
        case hostError
    }

    public static let code = "HEARTH-E201"
    public var reason: Reason
    /// The function that trapped, e.g. `function 3 (fib)`, when known.
    public var function: String?

    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The spec's wording of the reason (the reference interpreter's message).
    public var message: String {
        switch reason {
        case .unreachable: "unreachable"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .callStackExhausted: "call stack exhausted"
        case .hostError: "host function failed"
        }
    }

    public var description: String {
        "\(Self.code) trap: \(message)" + (function.map { " in \($0)" } ?? "")
    }

    init(code: Int32) {
        switch HTrap(rawValue: UInt32(code)) {
        case HTRAP_UNREACHABLE: self.init(.unreachable)
        case HTRAP_DIVIDE_BY_ZERO: self.init(.integerDivideByZero)
        case HTRAP_INTEGER_OVERFLOW: self.init(.integerOverflow)
        case HTRAP_INVALID_CONVERSION: self.init(.invalidConversionToInteger)
        case HTRAP_MEMORY_OUT_OF_BOUNDS: self.init(.outOfBoundsMemoryAccess)
        case HTRAP_TABLE_OUT_OF_BOUNDS: self.init(.outOfBoundsTableAccess)
        case HTRAP_UNDEFINED_ELEMENT: self.init(.undefinedElement)
        case HTRAP_UNINITIALIZED_ELEMENT: self.init(.uninitializedElement)
        case HTRAP_INDIRECT_CALL_TYPE_MISMATCH: self.init(.indirectCallTypeMismatch)
        case HTRAP_CALL_STACK_EXHAUSTED: self.init(.callStackExhausted)
        default: self.init(.hostError)
        }
    }
}
