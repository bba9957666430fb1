import WasmBinary

/// How values of a descriptor cross the boundary in wasm-bindgen's `extern "C"` ABI
/// (../shared/reference/wasm-bindgen-abi.md §4); what differs between versions takes the
/// version's row.
extension Descriptor {
    /// Bytes of one element of a slice or vector of this type.
    var elementSize: Int? {
        switch self {
        case .i8, .u8: 1
        case .i16, .u16: 2
        case .i32, .u32, .f32: 4
        case .i64, .u64, .f64: 8
        default: nil
        }
    }

    /// The type with references and `Clamped` taken off: `&str` is a string, `&[u8]` a slice.
    var unwrapped: Descriptor {
        switch self {
        case .ref(let inner), .refMut(let inner), .clamped(let inner): inner.unwrapped
        default: self
        }
    }

    /// The element of a slice or vector.
    var elementType: Descriptor? {
        switch unwrapped {
        case .slice(let element), .vector(let element): element
        default: nil
        }
    }

    /// Strings, slices and vectors: passed as (ptr, len).
    var isBuffer: Bool {
        switch unwrapped {
        case .string, .cachedString, .slice, .vector: true
        default: false
        }
    }

    /// Options whose None is a sentinel in a single i32 (no tag).
    var optionSentinel: UInt32? {
        switch unwrapped {
        case .u8, .i8, .u16, .i16, .bool, .char: 0x00FF_FFFF
        case .enumeration(let hole): hole
        case .rustStruct: 0
        default: nil
        }
    }

    /// The wasm values an argument of this type is passed as (a string as pointer and length),
    /// for the types an import or a cast takes; nil for the others.
    var wasmArgumentTypes: [ValueType]? {
        switch self {
        case .ref(.string), .string, .optional(.ref(.string)), .optional(.string): [.i32, .i32]
        case .i8, .u8, .i16, .u16, .i32, .u32, .bool, .char, .externref, .namedExternref, .ref(.externref),
             .ref(.namedExternref), .rustStruct, .enumeration: [.i32]
        case .i64, .u64: [.i64]
        case .f32: [.f32]
        case .f64: [.f64]
        default: nil
        }
    }

    /// Whether a result of this type comes back through a return pointer (§4.2), in `version`.
    func returnsThroughPointer(in version: BindgenVersion) -> Bool {
        if isF64Option(in: version) { return false }
        return returnsThroughPointer
    }

    /// An `Option` of a 32-bit number, passed as one f64 in `version` (0.2.96 on).
    func isF64Option(in version: BindgenVersion) -> Bool {
        guard version.f64OptionNone != nil, case .optional(let inner) = unwrapped else { return false }
        return [.i32, .u32, .f32].contains(inner.unwrapped)
    }

    /// Whether a result of this type comes back through a return pointer (§4.2).
    private var returnsThroughPointer: Bool {
        switch unwrapped {
        case .string, .cachedString, .vector, .slice, .result: return true
        case .optional(let inner): return inner.optionSentinel == nil
        default: return false
        }
    }

    /// Bytes the value takes at the start of a return-pointer area (for `Result<T, _>`).
    var returnSize: Int {
        switch unwrapped {
        case .unit: 0
        case .string, .cachedString, .vector, .slice: 8
        case .i64, .u64, .f64: 8
        case .optional(let inner): inner.optionSentinel == nil ? (inner.returnSize == 8 && !inner.isBuffer ? 16 : 8) : 4
        default: 4
        }
    }
}
