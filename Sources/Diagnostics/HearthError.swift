/// An error Hearth reports to its user: a stable code, a one-line message, where it happened,
/// and what to do about it when there is something to do.
///
/// Every error type of Hearth's modules adopts this protocol, so an embedder (and the CLI,
/// which turns `kind` into an exit code) can handle any of them without knowing its type.
/// The codes are listed in docs/errors.md.
public protocol HearthError: Error, Sendable, CustomStringConvertible {
    /// The stable code, e.g. `HEARTH-E101`; it never changes meaning.
    var code: String { get }
    /// What sort of failure this is.
    var kind: ErrorKind { get }
    /// What went wrong, in one line, without the code or the location.
    var message: String { get }
    /// Where it went wrong, as far as the error knows.
    var location: ErrorLocation { get }
    /// What the user can do about it, when there is something to say.
    var remedy: String? { get }
}

extension HearthError {
    /// Nowhere in particular, unless the error type says otherwise.
    public var location: ErrorLocation { ErrorLocation() }
    /// No remedy, unless the error type has one.
    public var remedy: String? { nil }

    /// `HEARTH-E102 invalid module: type mismatch in function 3 (add) at byte offset 118`.
    public var description: String {
        var text = "\(code) \(kind.title): \(message)"
        let place = location.description
        if !place.isEmpty { text += " " + place }
        if let remedy { text += " (\(remedy))" }
        return text
    }
}

/// The sorts of failure, coarser than the error types: the CLI maps each to one exit code.
public enum ErrorKind: String, Sendable, CaseIterable {
    /// The bytes are not a well-formed WebAssembly module.
    case malformedModule
    /// The module decodes but breaks a validation rule.
    case invalidModule
    /// Imports cannot be satisfied, or the module cannot be instantiated.
    case link
    /// A call the host made does not fit the function, or the bridge cannot make it.
    case badCall
    /// Text that should be JSON is not.
    case invalidJSON
    /// The guest trapped.
    case trap
    /// The guest reported an error (a Rust `Err`, a thrown value).
    case guestError
    /// A file cannot be read.
    case unreadableFile
    /// The module uses a WebAssembly feature Hearth does not implement.
    case unsupportedFeature
    /// A plugin manifest does not say what Hearth needs.
    case invalidManifest
    /// A limit stopped the guest: fuel, a deadline, an interrupt or the memory limit.
    case limitExceeded

    /// The words that follow the code in a message.
    public var title: String {
        switch self {
        case .malformedModule: "malformed module"
        case .invalidModule: "invalid module"
        case .link: "link error"
        case .badCall: "bad call"
        case .invalidJSON: "invalid JSON"
        case .trap: "trap"
        case .guestError: "guest error"
        case .unreadableFile: "cannot read file"
        case .unsupportedFeature: "unsupported feature"
        case .invalidManifest: "invalid manifest"
        case .limitExceeded: "limit exceeded"
        }
    }
}

/// Where an error happened, as data: each error fills in what it knows.
public struct ErrorLocation: Sendable, Equatable, CustomStringConvertible {
    /// The function, by its index in the module's function index space (imports first).
    public var functionIndex: UInt32?
    /// The function's name from the module's name section (or its export name), if any.
    public var functionName: String?
    /// Byte offset in the module's binary, or in the text that was parsed.
    public var byteOffset: Int?
    /// 1-based line in a text input such as JSON.
    public var line: Int?
    /// 1-based column, in bytes, in a text input such as JSON.
    public var column: Int?
    /// Position of the trapping instruction in its function's translated code, in 8-byte
    /// words, as `hearth inspect --code` numbers them.
    public var codeOffset: Int?

    /// A location with what is known; leave out the rest.
    public init(functionIndex: UInt32? = nil, functionName: String? = nil, byteOffset: Int? = nil,
                line: Int? = nil, column: Int? = nil, codeOffset: Int? = nil) {
        self.functionIndex = functionIndex
        self.functionName = functionName
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.codeOffset = codeOffset
    }

    /// `in function 3 (fib) at code offset 12`, `at line 1, column 2 (byte offset 1)`; empty
    /// when nothing is known.
    public var description: String {
        var parts: [String] = []
        if let functionIndex {
            parts.append("in function \(functionIndex)" + (functionName.map { " (\($0))" } ?? ""))
        } else if let functionName {
            parts.append("in \(functionName)")
        }
        if let codeOffset { parts.append("at code offset \(codeOffset)") }
        if let line, let column {
            parts.append("at line \(line), column \(column)" + (byteOffset.map { " (byte offset \($0))" } ?? ""))
        } else if let byteOffset {
            parts.append("at byte offset \(byteOffset)")
        }
        return parts.joined(separator: " ")
    }
}
