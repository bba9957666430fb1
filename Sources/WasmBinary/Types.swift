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
    public var slotCount: Int { self == .v128 ? 2 : 1 }

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
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "(\(parameters.map(\.description).joined(separator: ", "))) -> (\(results.map(\.description).joined(separator: ", ")))"
    }
}

/// Size limits of a memory (in pages) or a table (in elements).
public struct Limits: Sendable, Hashable, CustomStringConvertible {
    public var min: UInt64
    public var max: UInt64?

    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }

    public var description: String { max.map { "\(min)..\($0)" } ?? "\(min).." }
}

public struct MemoryType: Sendable, Hashable {
    public var limits: Limits
    public init(limits: Limits) { self.limits = limits }
}

public struct TableType: Sendable, Hashable {
    public var elementType: ValueType
    public var limits: Limits
    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

public struct GlobalType: Sendable, Hashable {
    public var valueType: ValueType
    public var isMutable: Bool
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

/// The type of a `block`, `loop` or `if`.
public enum BlockType: Sendable, Hashable {
    case empty
    case value(ValueType)
    case typeIndex(UInt32)
}

/// The memory immediate of loads and stores.
public struct MemArg: Sendable, Hashable {
    /// log2 of the alignment hint.
    public var align: UInt32
    public var offset: UInt64
    public init(align: UInt32, offset: UInt64) {
        self.align = align
        self.offset = offset
    }
}

/// The kind of immediate that follows a SIMD opcode.
public enum SIMDImmediateKind: Sendable, Hashable {
    case none
    case memArg
    case memArgLane(count: Int)
    case lane(count: Int)
    case v128
    case shuffle
}

/// A decoded SIMD immediate.
public enum SIMDImmediate: Sendable, Hashable {
    case none
    case memArg(MemArg)
    case memArgLane(MemArg, lane: UInt8)
    case lane(UInt8)
    /// 16 bytes (v128.const and i8x16.shuffle).
    case v128(V128)
}

/// A 128-bit value: bytes 0...7 (lane 0 first, little-endian) in `low`, 8...15 in `high`.
public struct V128: Sendable, Hashable {
    public var low: UInt64
    public var high: UInt64
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

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
    public var first: ValueType
    /// nil for unary operators.
    public var second: ValueType?
    public var result: ValueType
}
