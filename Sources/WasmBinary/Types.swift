/// What a reference points at (spec 3.0, 2.3.3): an abstract heap type or a function type
/// by index. The bottom types (`nofunc`, `noextern`, `noexn`) hold only null.
public enum HeapType: Sendable, Hashable, BitwiseCopyable, CustomStringConvertible {
    case function
    case extern
    case exception
    case noFunction
    case noExtern
    case noException
    /// A function type by its index: in the module's type section while decoding; a
    /// process-wide type id (see `canonical`) once validation has resolved it.
    case concrete(UInt32)
    /// In a recursive type group, the group's `n`th type (only while types are compared).
    case recursive(UInt32)

    /// The abstract type at the top of this type's hierarchy (`func`, `extern` or `exn`).
    public var top: HeapType {
        switch self {
        case .function, .noFunction, .concrete, .recursive: .function
        case .extern, .noExtern: .extern
        case .exception, .noException: .exception
        }
    }

    /// The bottom of this type's hierarchy, whose only value is null.
    public var bottom: HeapType {
        switch top {
        case .extern: .noExtern
        case .exception: .noException
        default: .noFunction
        }
    }

    /// As the text format writes it (`func`, `noextern`, `$3` for a type index).
    public var description: String {
        switch self {
        case .function: "func"
        case .extern: "extern"
        case .exception: "exn"
        case .noFunction: "nofunc"
        case .noExtern: "noextern"
        case .noException: "noexn"
        case .concrete(let index): "\(index)"
        case .recursive(let index): "rec.\(index)"
        }
    }
}

/// A reference type: a heap type, with or without null (spec 3.0, 2.3.3).
public struct ReferenceType: Sendable, Hashable, BitwiseCopyable, CustomStringConvertible {
    /// Whether null is a value of the type (`ref null ht`).
    public var isNullable: Bool
    /// What the reference points at.
    public var heapType: HeapType

    /// `(ref null? heapType)`.
    public init(nullable: Bool, _ heapType: HeapType) {
        isNullable = nullable
        self.heapType = heapType
    }

    /// `funcref`, `(ref null $1)`, `(ref func)`.
    public var description: String {
        switch (isNullable, heapType) {
        case (true, .function): "funcref"
        case (true, .extern): "externref"
        case (true, .exception): "exnref"
        case (true, .noFunction): "nullfuncref"
        case (true, .noExtern): "nullexternref"
        case (true, .noException): "nullexnref"
        default: "(ref \(isNullable ? "null " : "")\(heapType))"
        }
    }
}

/// A WebAssembly value type (spec 3.0, 2.3.4 and 5.3.4).
public enum ValueType: Sendable, Hashable, BitwiseCopyable, CustomStringConvertible {
    case i32
    case i64
    case f32
    case f64
    case v128
    case ref(ReferenceType)

    /// `(ref null func)`.
    public static let funcref = ValueType.ref(ReferenceType(nullable: true, .function))
    /// `(ref null extern)`.
    public static let externref = ValueType.ref(ReferenceType(nullable: true, .extern))
    /// `(ref null exn)`.
    public static let exnref = ValueType.ref(ReferenceType(nullable: true, .exception))

    /// True for every reference type.
    public var isReference: Bool {
        if case .ref = self { true } else { false }
    }

    /// The reference type, or nil for a number or vector.
    public var referenceType: ReferenceType? {
        if case .ref(let type) = self { type } else { nil }
    }

    /// Whether a local of this type can start with a default value (zero or null): every
    /// type but a non-null reference.
    public var isDefaultable: Bool {
        if case .ref(let type) = self { type.isNullable } else { true }
    }

    /// How many 64-bit frame slots a value of this type takes.
    @inlinable
    package var slotCount: Int {
        if case .v128 = self { 2 } else { 1 }
    }

    /// Equal types. Written out and inlinable: the translator compares types for nearly every
    /// instruction, and the derived comparison of an enum with a payload was a call each time
    /// (2 % of translating GCC's cc1).
    @inlinable
    public static func == (lhs: ValueType, rhs: ValueType) -> Bool {
        switch (lhs, rhs) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): true
        case (.ref(let left), .ref(let right)): left == right
        default: false
        }
    }

    /// The type as the text format writes it (`i32`, `funcref`, `(ref $1)`).
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let type): type.description
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

/// One catch clause of `try_table`.
package struct CatchClause: Sendable, Hashable {
    /// The tag caught; nil catches every exception (`catch_all`, `catch_all_ref`).
    package var tag: UInt32?
    /// Whether the branch also carries the exception as an `exnref` (`catch_ref`, `catch_all_ref`).
    package var capturesReference: Bool
    /// The label branched to, counted from the block around the `try_table`.
    package var label: UInt32
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
