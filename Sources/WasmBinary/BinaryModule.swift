/// A decoded module: everything the binary says, not yet validated (spec 2.5).
public struct BinaryModule: Sendable {
    /// The type section: every function signature, by type index.
    public var types: [FunctionType] = []
    /// The type section's recursive groups, as ranges of type indices covering `types` in
    /// order (a type declared alone is a group of one).
    public var recursionGroups: [Range<Int>] = []
    /// Imports in declaration order; imported functions, tables, memories and globals come
    /// first in their index spaces.
    public var imports: [Import] = []
    /// Type index of each function defined by the module (not imported ones).
    public var functions: [UInt32] = []
    /// Tables the module defines (not imported ones).
    public var tables: [TableType] = []
    /// For each of `tables`, the expression every element starts as (nil: null).
    public var tableInitializers: [ConstExpression?] = []
    /// Memories the module defines (not imported ones).
    public var memories: [MemoryType] = []
    /// Globals the module defines, with their initializers (not imported ones).
    public var globals: [GlobalDeclaration] = []
    /// The tags the module defines (not imported ones), by the index of their function type.
    public var tags: [UInt32] = []
    /// Exports in declaration order.
    public var exports: [Export] = []
    /// Function index of the start function, run at instantiation, if there is one.
    public var start: UInt32?
    /// Element segments, in declaration order.
    public var elements: [ElementSegment] = []
    /// The data count section's count, if the module has one (it must equal `data.count`).
    public var dataCount: UInt32?
    /// One body per entry of `functions`, in the same order.
    public var codes: [Code] = []
    /// Data segments, in declaration order.
    public var data: [DataSegment] = []
    /// Every custom section, in binary order, `name` included; their contents are not checked.
    public var customSections: [CustomSection] = []
    /// Function names from the `name` custom section, by function index.
    public var functionNames: [UInt32: String] = [:]
    /// The whole binary; code bodies and segments refer into it.
    public var bytes: [UInt8] = []

    /// An empty module; `ModuleParser.parse` fills one in.
    package init() {}

    /// Type index of each imported function, in import order (function indices 0 and up).
    public var importedFunctionTypes: [UInt32] {
        imports.compactMap { if case .function(let t) = $0.descriptor { t } else { nil } }
    }
    /// Types of the imported tables, in import order (the first table indices).
    public var importedTables: [TableType] {
        imports.compactMap { if case .table(let t) = $0.descriptor { t } else { nil } }
    }
    /// Types of the imported memories, in import order (the first memory indices).
    public var importedMemories: [MemoryType] {
        imports.compactMap { if case .memory(let t) = $0.descriptor { t } else { nil } }
    }
    /// Types of the imported globals, in import order (the first global indices).
    public var importedGlobals: [GlobalType] {
        imports.compactMap { if case .global(let t) = $0.descriptor { t } else { nil } }
    }
    /// Type indices of the imported tags, in import order (the first tag indices).
    public var importedTags: [UInt32] {
        imports.compactMap { if case .tag(let t) = $0.descriptor { t } else { nil } }
    }
}

/// An import or export name: raw bytes, compared bytewise (canonically equivalent Unicode
/// strings are distinct names, as the spec's names.wast requires).
public struct Name: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name's bytes as they appear in the binary (valid UTF-8 in a decoded module).
    public var bytes: [UInt8]
    /// A name from its raw bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// A name from a string's UTF-8, unnormalized.
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    /// A name from a string literal's UTF-8, so `instance.function(named: "add")` reads well.
    public init(stringLiteral value: String) { self.init(value) }
    /// The name as a string.
    public var description: String { String(decoding: bytes, as: UTF8.self) }
    /// Hashes the bytes in one block: the derived hash fed the hasher a byte at a time, which
    /// was a tenth of instantiating a small plugin (its linker and exports are keyed by names).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// One entry of the import section: a two-level name and what must be provided under it.
public struct Import: Sendable {
    /// The first level of the name (`env`, `wasi_snapshot_preview1`, ...).
    public var module: Name
    /// The second level: the item's name within `module`.
    public var name: Name
    /// What kind of item is expected, and its type.
    public var descriptor: ExternalType
}

/// The type of something imported or exported.
public enum ExternalType: Sendable, Hashable {
    /// A function of the type at this index of `BinaryModule.types`.
    case function(UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag whose parameters are those of the function type at this index.
    case tag(UInt32)
}

/// Which index space an export refers into; the raw value is the binary's kind byte.
public enum ExternalKind: UInt8, Sendable {
    case function = 0, table, memory, global, tag
}

/// One entry of the export section.
public struct Export: Sendable {
    /// The name the embedder looks the item up by; unique within a valid module.
    public var name: Name
    /// The index space `index` refers into.
    public var kind: ExternalKind
    /// Index in that space, imports included (imported items come first).
    public var index: UInt32
}

/// A global the module defines: its type and the constant expression that initializes it.
public struct GlobalDeclaration: Sendable {
    /// The value type and whether the global is mutable.
    public var type: GlobalType
    /// Evaluated once, at instantiation.
    public var initializer: ConstExpression
}

/// A constant expression (spec 3.3.10): the instructions before its `end`.
public struct ConstExpression: Sendable {
    /// The decoded instructions, `end` excluded. Not yet validated: a non-constant
    /// instruction decodes as `.nonConstant` and fails validation.
    public var instructions: [ConstInstruction]
    /// Byte offset of the first instruction in the module, for error messages.
    public var offset: Int
}

/// An element segment (spec 2.5.7): references to put in a table, now or by `table.init`.
public struct ElementSegment: Sendable {
    /// When the segment's references are used.
    public enum Mode: Sendable {
        /// Copied into a table only by `table.init`.
        case passive
        /// Copied into `table` at `offset` during instantiation.
        case active(table: UInt32, offset: ConstExpression)
        /// Never copied; only declares functions that `ref.func` may name.
        case declarative
    }
    /// The reference type of every element.
    public var type: ValueType
    /// One constant expression per element. The short encodings that list function indices
    /// are stored as `ref.func` expressions too.
    public var initializers: [ConstExpression]
    /// Passive, active or declarative.
    public var mode: Mode
}

/// A data segment (spec 2.5.8): bytes to put in a memory, now or by `memory.init`.
public struct DataSegment: Sendable {
    /// When the segment's bytes are used.
    public enum Mode: Sendable {
        /// Copied into a memory only by `memory.init`.
        case passive
        /// Copied into `memory` at `offset` during instantiation.
        case active(memory: UInt32, offset: ConstExpression)
    }
    /// The contents, a slice of `BinaryModule.bytes` (its indices are offsets in the module).
    public var bytes: ArraySlice<UInt8>
    /// Passive or active.
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
    package var localGroups: Int { Int(groups) }
    /// Byte range of those groups (already checked to decode).
    package var localsRange: Range<Int> { Int(localsStart)..<Int(bodyStart) }
    /// Declared locals (not parameters).
    public var localCount: Int { Int(locals) }
    /// Byte range of the instructions, up to and including the final `end`.
    public var body: Range<Int> { Int(bodyStart)..<Int(bodyEnd) }
}

/// A custom section (id 0): a name and contents the spec leaves to tools.
public struct CustomSection: Sendable {
    /// The section's name (`name`, `producers`, `__wasm_bindgen_unstable`, ...).
    public var name: String
    /// The contents after the name, a slice of `BinaryModule.bytes`.
    public var bytes: ArraySlice<UInt8>
}
