/// A wasm-bindgen version Hearth understands, described as data: the descriptor codes in the
/// order that version numbers them. Another version is another table (see
/// ../shared/reference/wasm-bindgen-abi.md §12), not new code.
public struct BindgenVersion: Sendable, Equatable {
    /// The version number, as the module's custom section states it (`0.2.83`).
    public var version: String
    /// `codes[n]` is the meaning of descriptor word `n`.
    package var codes: [DescriptorCode]

    /// The versions whose modules can be loaded.
    public static let supported: [BindgenVersion] = [v0_2_83]

    /// wasm-bindgen 0.2.83, the version the examples and tests are built with.
    public static let v0_2_83 = BindgenVersion(version: "0.2.83", codes: [
        .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .f32, .f64, .boolean, .function, .closure,
        .cachedString, .string, .ref, .refMut, .slice, .vector, .externref, .namedExternref,
        .enumeration, .rustStruct, .char, .optional, .result, .unit, .clamped,
    ])

    /// The supported version numbered `version`, if there is one.
    package static func named(_ version: String) -> BindgenVersion? {
        supported.first { $0.version == version }
    }
}

/// The kinds of descriptor word a version may use.
package enum DescriptorCode: Sendable, Equatable {
    case i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, boolean, function, closure
    case cachedString, string, ref, refMut, longRef, slice, vector, externref, namedExternref
    case enumeration, stringEnumeration, rustStruct, char, optional, result, unit, clamped, nonNull
}
