/// One row of the wasm-bindgen version table: how Hearth reads and calls a raw module whose
/// `__wasm_bindgen_unstable` section states this `schema_version` (not the crate version:
/// 0.2.127 writes "0.2.122"). Every difference between versions is a field here, so a crate
/// version that shares a known schema works without new code. docs/abi.md has the table.
public struct BindgenVersion: Sendable, Equatable {
    /// The `schema_version` this row reads, e.g. "0.2.122".
    public var schema: String
    /// The schema this row reads: what `schema` was called before the version table.
    @available(*, deprecated, renamed: "schema")
    public var version: String { schema }
    /// The crate versions that write this schema, e.g. "0.2.122–0.2.127".
    public var crates: String
    /// `codes[n]` is the meaning of descriptor word `n` (wasm-bindgen's `tys!` order).
    package var codes: [DescriptorCode]
    /// How the program in the custom section is encoded.
    package var program: ProgramEncoding
    /// Where the `JsValue` heap's constants start (`JSIDX_OFFSET`): undefined, null, true, false.
    package var jsHeapOffset: Int
    /// `__wbindgen_malloc(size, align)`, `__wbindgen_realloc(ptr, old, new, align)` and
    /// `__wbindgen_free(ptr, size, align)` take an alignment (0.2.87 on).
    package var allocatorTakesAlignment: Bool
    /// `__wbg_<class>_free(ptr, allow_delayed)` takes a second i32 (0.2.93 on).
    package var classFreeTakesFlag: Bool
    /// A `&mut [T]` argument is (ptr, len, JS array): the guest owns the copy and writes it
    /// back with `__wbindgen_copy_to_typed_array` (0.2.84 on); before, the host read it back.
    package var mutableSlicesCopyBack: Bool
    /// `Option<i32 | u32 | isize | usize | f32>` is one f64 (0.2.96 on) and this is its None:
    /// 2^32 + 1, from 0.2.119 2^53 - 1. Nil before: a flag and the value (through the return
    /// pointer for a result).
    package var f64OptionNone: Double?

    /// The versions whose modules can be loaded, oldest first.
    public static let supported: [BindgenVersion] = [v0_2_83, v0_2_92, v0_2_100, v0_2_105, v0_2_122]

    /// Schema 0.2.83, what Debian packages and the examples in examples/rust are built with.
    public static let v0_2_83 = BindgenVersion(
        schema: "0.2.83", crates: "0.2.83",
        codes: [.i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .f32, .f64, .boolean, .function, .closure,
                .cachedString, .string, .ref, .refMut, .slice, .vector, .externref, .namedExternref,
                .enumeration, .rustStruct, .char, .optional, .result, .unit, .clamped],
        program: .v0_2_83, jsHeapOffset: 32, allocatorTakesAlignment: false, classFreeTakesFlag: false,
        mutableSlicesCopyBack: false, f64OptionNone: nil)

    /// Schema 0.2.92: LONGREF and NONNULL codes, named enums, aligned allocator.
    public static let v0_2_92 = BindgenVersion(
        schema: "0.2.92", crates: "0.2.92",
        codes: [.i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .f32, .f64, .boolean, .function, .closure,
                .cachedString, .string, .ref, .refMut, .longRef, .slice, .vector, .externref, .namedExternref,
                .namedEnumeration, .rustStruct, .char, .optional, .result, .unit, .clamped, .nonNull],
        program: .v0_2_92, jsHeapOffset: 128, allocatorTakesAlignment: true, classFreeTakesFlag: false,
        mutableSlicesCopyBack: true, f64OptionNone: nil)

    /// The descriptor codes of 0.2.96–0.2.118: I128/U128 and STRING_ENUM inserted.
    static let codes0_2_96: [DescriptorCode] = [
        .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .i128, .u128, .f32, .f64, .boolean, .function, .closure,
        .cachedString, .string, .ref, .refMut, .longRef, .slice, .vector, .externref, .namedExternref,
        .namedEnumeration, .stringEnumeration, .rustStruct, .char, .optional, .result, .unit, .clamped, .nonNull,
    ]

    /// Schema 0.2.100: `__wbg_<class>_free` gains its flag, I128/U128 codes.
    public static let v0_2_100 = BindgenVersion(
        schema: "0.2.100", crates: "0.2.100", codes: codes0_2_96,
        program: .v0_2_100, jsHeapOffset: 128, allocatorTakesAlignment: true, classFreeTakesFlag: true,
        mutableSlicesCopyBack: true, f64OptionNone: 4_294_967_297)

    /// Schema 0.2.105: the program encoding of 0.2.100, but wasm-bindgen's intrinsics are
    /// `#[wasm_bindgen]` imports with hashed names (`__wbg___wbindgen_throw_<hash>`) described
    /// in the section, next to JS globals (`JSON.parse`, `Error`, ...).
    public static let v0_2_105 = BindgenVersion(
        schema: "0.2.105", crates: "0.2.105", codes: codes0_2_96,
        program: .v0_2_100, jsHeapOffset: 128, allocatorTakesAlignment: true, classFreeTakesFlag: true,
        mutableSlicesCopyBack: true, f64OptionNone: 4_294_967_297)

    /// Schema 0.2.122 (crates 0.2.122–0.2.127): I64_AS_F64, U64_AS_F64, DYNAMIC_UNION and
    /// RAW_POINTER codes, a new program encoding, a heap offset of 1024.
    public static let v0_2_122 = BindgenVersion(
        schema: "0.2.122", crates: "0.2.122–0.2.127",
        codes: [.i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .i64AsF64, .u64AsF64, .i128, .u128, .f32, .f64,
                .boolean, .function, .closure, .cachedString, .string, .ref, .refMut, .longRef, .slice, .vector,
                .externref, .namedExternref, .namedEnumeration, .stringEnumeration, .dynamicUnion, .rustStruct,
                .char, .optional, .result, .unit, .clamped, .nonNull, .rawPointer],
        program: .v0_2_122, jsHeapOffset: 1024, allocatorTakesAlignment: true, classFreeTakesFlag: true,
        mutableSlicesCopyBack: true, f64OptionNone: 9_007_199_254_740_991)

    /// The supported row for `schema`, if there is one.
    package static func schema(_ schema: String) -> BindgenVersion? {
        supported.first { $0.schema == schema }
    }

    /// The error for a schema no row reads, naming it and the known ones.
    package static func unsupported(schema: String, crate: String) -> BridgeError {
        BridgeError("wasm-bindgen \(crate) (schema \(schema)) is not supported; supported schemas: "
            + supported.map { "\($0.schema) (\($0.crates))" }.joined(separator: ", "),
            remedy: "build the guest with one of these wasm-bindgen versions")
    }
}

/// The kinds of descriptor word a version may use.
package enum DescriptorCode: Sendable, Equatable {
    case i8, u8, i16, u16, i32, u32, i64, u64, i64AsF64, u64AsF64, i128, u128, f32, f64, boolean, function, closure
    case cachedString, string, ref, refMut, longRef, slice, vector, externref, namedExternref
    /// ENUM followed by the hole (0.2.83) or by the name and then the hole (0.2.92 on).
    case enumeration, namedEnumeration
    case stringEnumeration, dynamicUnion, rustStruct, char, optional, result, unit, clamped, nonNull, rawPointer
}
