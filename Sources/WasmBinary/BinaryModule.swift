/// A decoded module: everything the binary says, not yet validated (spec 2.5).
public struct BinaryModule: Sendable {
    public var types: [FunctionType] = []
    public var imports: [Import] = []
    /// Type index of each function defined by the module (not imported ones).
    public var functions: [UInt32] = []
    public var tables: [TableType] = []
    public var memories: [MemoryType] = []
    public var globals: [GlobalDeclaration] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    public var dataCount: UInt32?
    public var codes: [Code] = []
    public var data: [DataSegment] = []
    public var customSections: [CustomSection] = []
    /// Function names from the `name` custom section, by function index.
    public var functionNames: [UInt32: String] = [:]
    /// The whole binary; code bodies and segments refer into it.
    public var bytes: [UInt8] = []

    public init() {}

    public var importedFunctionTypes: [UInt32] {
        imports.compactMap { if case .function(let t) = $0.descriptor { t } else { nil } }
    }
    public var importedTables: [TableType] {
        imports.compactMap { if case .table(let t) = $0.descriptor { t } else { nil } }
    }
    public var importedMemories: [MemoryType] {
        imports.compactMap { if case .memory(let t) = $0.descriptor { t } else { nil } }
    }
    public var importedGlobals: [GlobalType] {
        imports.compactMap { if case .global(let t) = $0.descriptor { t } else { nil } }
    }
}

/// An import or export name: raw bytes, compared bytewise (canonically equivalent Unicode
/// strings are distinct names, as the spec's names.wast requires).
public struct Name: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}

public struct Import: Sendable {
    public var module: Name
    public var name: Name
    public var descriptor: ExternalType
}

/// The type of something imported or exported.
public enum ExternalType: Sendable, Hashable {
    case function(UInt32)  // type index
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
}

public enum ExternalKind: UInt8, Sendable {
    case function = 0, table, memory, global
}

public struct Export: Sendable {
    public var name: Name
    public var kind: ExternalKind
    public var index: UInt32
}

public struct GlobalDeclaration: Sendable {
    public var type: GlobalType
    public var initializer: ConstExpression
}

/// A constant expression (spec 3.3.10): the instructions before its `end`.
public struct ConstExpression: Sendable {
    public var instructions: [ConstInstruction]
    public var offset: Int
}

public struct ElementSegment: Sendable {
    public enum Mode: Sendable {
        case passive
        case active(table: UInt32, offset: ConstExpression)
        case declarative
    }
    public var type: ValueType
    public var initializers: [ConstExpression]
    public var mode: Mode
}

public struct DataSegment: Sendable {
    public enum Mode: Sendable {
        case passive
        case active(memory: UInt32, offset: ConstExpression)
    }
    public var bytes: ArraySlice<UInt8>
    public var mode: Mode
}

/// A function body: where its local declarations and instructions are in the binary.
/// (Nothing is expanded while parsing, so a module with many functions parses quickly.)
///
/// Stored as 32-bit offsets (a module is at most 4 GiB): 20 bytes a function instead of 48,
/// which a module of tens of thousands of functions paid for in page faults at every load.
public struct Code: Sendable {
    private let groups: UInt32
    private let locals: UInt32
    private let localsStart: UInt32
    private let bodyStart: UInt32
    private let bodyEnd: UInt32

    init(localGroups: Int, localCount: Int, localsStart: Int, bodyStart: Int, bodyEnd: Int) {
        groups = UInt32(localGroups)
        locals = UInt32(localCount)
        self.localsStart = UInt32(localsStart)
        self.bodyStart = UInt32(bodyStart)
        self.bodyEnd = UInt32(bodyEnd)
    }

    /// Number of (count, type) groups declaring the locals.
    public var localGroups: Int { Int(groups) }
    /// Byte range of those groups (already checked to decode).
    public var localsRange: Range<Int> { Int(localsStart)..<Int(bodyStart) }
    /// Declared locals (not parameters).
    public var localCount: Int { Int(locals) }
    /// Byte range of the instructions, up to and including the final `end`.
    public var body: Range<Int> { Int(bodyStart)..<Int(bodyEnd) }
}

public struct CustomSection: Sendable {
    public var name: String
    public var bytes: ArraySlice<UInt8>
}
