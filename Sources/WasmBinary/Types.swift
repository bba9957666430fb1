/// A WebAssembly value type (spec 2.3.4 and 5.3.4).
public enum ValueType: UInt8, Sendable, Hashable, BitwiseCopyable, CustomStringConvertible {
    case i32 = 0x7F
    case i64 = 0x7E
    case f32 = 0x7D
    case f64 = 0x7C
    case v128 = 0x7B
    case funcref = 0x70
    case externref = 0x6F

    /// True for `funcref` and `externref`.
    public var isReference: Bool { self == .funcref || self == .externref }

    /// How many 64-bit frame slots a value of this type takes.
    package var slotCount: Int { self == .v128 ? 2 : 1 }

    /// The type as the text format writes it (`i32`, `funcref`).
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .funcref: "funcref"
        case .externref: "externref"
        }
    }
}

/// A function signature.
public struct FunctionType: Sendable, Hashable, CustomStringConvertible {
    /// Parameter types, first parameter first.
    public var parameters: [ValueType]
    /// Result types; more than one is allowed (multi-value).
    public var results: [ValueType]

    /// A signature, for host functions and for checking an export's type.
    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }

    /// `(i32, i32) -> (i64)`.
    public var description: String {
        "(\(parameters.map(\.description).joined(separator: ", "))) -> (\(results.map(\.description).joined(separator: ", ")))"
    }
}

/// Size limits of a memory (in pages) or a table (in elements).
public struct Limits: Sendable, Hashable, CustomStringConvertible {
    /// The initial size. 64 bits wide, though a decoded module's limits fit in 32.
    public var min: UInt64
    /// The largest size growing may reach; nil for no maximum beyond the spec's.
    public var max: UInt64?

    /// Limits of `min` and up, to `max` if given. Validation checks `min <= max`.
    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }

    /// `1..16`, or `1..` without a maximum.
    public var description: String { max.map { "\(min)..\($0)" } ?? "\(min).." }
}

/// The type of a linear memory: its limits, in 64 KiB pages.
public struct MemoryType: Sendable, Hashable {
    /// Size limits in 64 KiB pages.
    public var limits: Limits
    /// A memory type of `limits` pages.
    public init(limits: Limits) { self.limits = limits }
}

/// The type of a table: what its elements are, and its limits in elements.
public struct TableType: Sendable, Hashable {
    /// `funcref` or `externref`.
    public var elementType: ValueType
    /// Size limits in elements.
    public var limits: Limits
    /// A table type; `elementType` must be a reference type.
    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

/// The type of a global: its value type and whether it may change after instantiation.
public struct GlobalType: Sendable, Hashable {
    /// The type of the value it holds.
    public var valueType: ValueType
    /// Whether `global.set` (and the host) may change it.
    public var isMutable: Bool
    /// A global type.
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

/// The type of a `block`, `loop` or `if`.
package enum BlockType: Sendable, Hashable {
    /// No parameters, no results.
    case empty
    /// No parameters, one result.
    case value(ValueType)
    /// The parameters and results of the function type at this index.
    case typeIndex(UInt32)
}

/// The memory immediate of loads and stores.
package struct MemArg: Sendable, Hashable {
    /// log2 of the alignment hint.
    package var align: UInt32
    /// Added to the address operand; 32 bits in a decoded module (memory64 would need 64).
    package var offset: UInt64
    /// The memory accessed, by index (multi-memory); 0 unless the immediate names another.
    package var memory: UInt32
    /// A memory immediate.
    package init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// The kind of immediate that follows a SIMD opcode (`SIMDOp.immediate`).
public enum SIMDImmediateKind: Sendable, Hashable {
    /// Nothing follows.
    case none
    /// A memory immediate (the SIMD loads and stores).
    case memArg
    /// A memory immediate, then a lane index below `count` (`v128.load8_lane`, ...).
    case memArgLane(count: Int)
    /// A lane index below `count` (`extract_lane`, `replace_lane`).
    case lane(count: Int)
    /// 16 bytes of constant (`v128.const`).
    case v128
    /// 16 lane indices, each below 32 (`i8x16.shuffle`).
    case shuffle
}

/// A decoded SIMD immediate.
package enum SIMDImmediate: Sendable, Hashable {
    /// The instruction has no immediate.
    case none
    /// A load's or store's memory immediate.
    case memArg(MemArg)
    /// A lane load's or store's memory immediate and lane index (not yet range-checked).
    case memArgLane(MemArg, lane: UInt8)
    /// A lane index (not yet range-checked).
    case lane(UInt8)
    /// 16 bytes (v128.const and i8x16.shuffle).
    case v128(V128)
}

/// A 128-bit value: bytes 0...7 (lane 0 first, little-endian) in `low`, 8...15 in `high`.
public struct V128: Sendable, Hashable {
    /// Bytes 0...7, byte 0 in the least significant position.
    public var low: UInt64
    /// Bytes 8...15, byte 8 in the least significant position.
    public var high: UInt64
    /// A value from its two halves.
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// A value from the first 16 of `bytes`, lane 0 first. Fewer than 16 bytes is a crash.
    public init(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        low = array[0..<8].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        high = array[8..<16].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 16 bytes, lane 0 first.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: low >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: high >> ($0 * 8)) }
    }
}

/// Operand and result types of a unary or binary operator.
public struct OperatorShape: Sendable, Hashable {
    /// The type of the first (or only) operand.
    public var first: ValueType
    /// nil for unary operators.
    public var second: ValueType?
    /// The type of the result.
    public var result: ValueType
}
