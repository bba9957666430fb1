/// How one `schema_version` encodes the program in `__wasm_bindgen_unstable`, as data: every
/// struct's fields and every enum's variants in the order wasm-bindgen-shared's `shared_api!`
/// declares them. `ProgramValue.decode` reads any encoding; `ProgramSection` then picks fields
/// by name, so a field added in a later schema needs a line here, not new reading code.
package struct ProgramEncoding: Sendable, Equatable {
    /// A field's or variant payload's type.
    package indirect enum Kind: Sendable, Equatable {
        /// A LEB128 length and UTF-8; a byte 0 or 1; a LEB128 number.
        case string, bool, u32
        /// A LEB128 count, then the items.
        case list(Kind)
        /// A byte 0 for None, or 1 and the value.
        case optional(Kind)
        /// A struct or enum of this encoding, by name.
        case named(String)
    }

    /// A struct (its fields in order) or an enum (its variants in order, each with at most one
    /// payload; the encoded tag is the variant's index).
    package enum Shape: Sendable, Equatable {
        /// A struct: its fields, encoded one after another.
        case fields([Field])
        /// An enum: a tag byte, the variant's index, then its payload.
        case variants([Variant])
    }

    /// One field of a struct.
    package struct Field: Sendable, Equatable {
        /// The field's name in wasm-bindgen's `shared` structs.
        package var name: String
        /// What it holds.
        package var kind: Kind
    }

    /// One variant of an enum.
    package struct Variant: Sendable, Equatable {
        /// The variant's name.
        package var name: String
        /// What follows its tag; nil for none.
        package var payload: Kind?
    }

    /// The shapes by name; `Program` is the root.
    package var shapes: [String: Shape]

    /// This encoding with `field` inserted into struct `shape` after the field named `after`
    /// (at the start when nil).
    func inserting(_ field: String, _ kind: Kind, in shape: String, after: String?) -> ProgramEncoding {
        var copy = self
        guard case .fields(var fields) = shapes[shape] else { preconditionFailure("no struct \(shape)") }
        let index = after.map { name in fields.firstIndex { $0.name == name }! + 1 } ?? 0
        fields.insert(Field(name: field, kind: kind), at: index)
        copy.shapes[shape] = .fields(fields)
        return copy
    }

    /// This encoding with struct or enum `name` defined (or redefined) as `shape`.
    func defining(_ name: String, _ shape: Shape) -> ProgramEncoding {
        var copy = self
        copy.shapes[name] = shape
        return copy
    }
}

private func struct_(_ fields: (String, ProgramEncoding.Kind)...) -> ProgramEncoding.Shape {
    .fields(fields.map { ProgramEncoding.Field(name: $0.0, kind: $0.1) })
}

private func enum_(_ variants: (String, ProgramEncoding.Kind?)...) -> ProgramEncoding.Shape {
    .variants(variants.map { ProgramEncoding.Variant(name: $0.0, payload: $0.1) })
}

extension ProgramEncoding {
    private static let strings = Kind.list(.string)

    /// Schema 0.2.83.
    static let v0_2_83 = ProgramEncoding(shapes: [
        "Program": struct_(("exports", .list(.named("Export"))), ("enums", .list(.named("Enum"))),
                           ("imports", .list(.named("Import"))), ("structs", .list(.named("Struct"))),
                           ("typescript_custom_sections", strings), ("local_modules", .list(.named("LocalModule"))),
                           ("inline_js", strings), ("unique_crate_identifier", .string), ("package_json", .optional(.string))),
        "Import": struct_(("module", .optional(.named("ImportModule"))), ("js_namespace", .optional(strings)),
                          ("kind", .named("ImportKind"))),
        "ImportModule": enum_(("Named", .string), ("RawNamed", .string), ("Inline", .u32)),
        "ImportKind": enum_(("Function", .named("ImportFunction")), ("Static", .named("ImportStatic")),
                            ("Type", .named("ImportType")), ("Enum", .named("ImportEnum"))),
        "ImportFunction": struct_(("shim", .string), ("catch", .bool), ("variadic", .bool), ("assert_no_shim", .bool),
                                  ("method", .optional(.named("MethodData"))), ("structural", .bool),
                                  ("function", .named("Function"))),
        "MethodData": struct_(("class", .string), ("kind", .named("MethodKind"))),
        "MethodKind": enum_(("Constructor", nil), ("Operation", .named("Operation"))),
        "Operation": struct_(("is_static", .bool), ("kind", .named("OperationKind"))),
        "OperationKind": enum_(("Regular", nil), ("Getter", .string), ("Setter", .string), ("IndexingGetter", nil),
                               ("IndexingSetter", nil), ("IndexingDeleter", nil)),
        "ImportStatic": struct_(("name", .string), ("shim", .string)),
        "ImportType": struct_(("name", .string), ("instanceof_shim", .string), ("vendor_prefixes", strings)),
        "ImportEnum": struct_(),
        "Export": struct_(("class", .optional(.string)), ("comments", strings), ("consumed", .bool),
                          ("function", .named("Function")), ("method_kind", .named("MethodKind")), ("start", .bool)),
        "Enum": struct_(("name", .string), ("variants", .list(.named("EnumVariant"))), ("comments", strings),
                        ("generate_typescript", .bool)),
        "EnumVariant": struct_(("name", .string), ("value", .u32), ("comments", strings)),
        "Function": struct_(("arg_names", strings), ("asyncness", .bool), ("name", .string),
                            ("generate_typescript", .bool), ("variadic", .bool)),
        "Struct": struct_(("name", .string), ("fields", .list(.named("StructField"))), ("comments", strings),
                          ("is_inspectable", .bool), ("generate_typescript", .bool)),
        "StructField": struct_(("name", .string), ("readonly", .bool), ("comments", strings), ("generate_typescript", .bool)),
        "LocalModule": struct_(("identifier", .string), ("contents", .string)),
    ])

    /// Schema 0.2.92: linked modules, and `generate_jsdoc` on functions and struct fields.
    static let v0_2_92 = v0_2_83
        .inserting("linked_modules", .list(.named("LinkedModule")), in: "Program", after: "package_json")
        .defining("LinkedModule", struct_(("module", .named("ImportModule")), ("link_function_name", .string)))
        .inserting("generate_jsdoc", .bool, in: "Function", after: "generate_typescript")
        .inserting("generate_jsdoc", .bool, in: "StructField", after: "generate_typescript")

    /// Schemas 0.2.100 and 0.2.105 (one encoding): arguments with type overrides and
    /// descriptions, string enums and string imports, signed enums, linked local modules.
    static let v0_2_100 = v0_2_92
        .defining("Function", struct_(("args", .list(.named("FunctionArgumentData"))), ("asyncness", .bool), ("name", .string),
                                      ("generate_typescript", .bool), ("generate_jsdoc", .bool), ("variadic", .bool),
                                      ("ret_ty_override", .optional(.string)), ("ret_desc", .optional(.string))))
        .defining("FunctionArgumentData", struct_(("name", .string), ("ty_override", .optional(.string)), ("desc", .optional(.string))))
        .defining("ImportKind", enum_(("Function", .named("ImportFunction")), ("Static", .named("ImportStatic")),
                                      ("String", .named("ImportString")), ("Type", .named("ImportType")),
                                      ("Enum", .named("StringEnum"))))
        .defining("ImportString", struct_(("shim", .string), ("string", .string)))
        .defining("StringEnum", struct_(("name", .string), ("variant_values", strings), ("comments", strings),
                                        ("generate_typescript", .bool)))
        .inserting("signed", .bool, in: "Enum", after: "name")
        .inserting("linked_module", .bool, in: "LocalModule", after: "contents")

    /// Schema 0.2.122 (crates 0.2.122–0.2.127): namespaces and privacy everywhere, re-exports,
    /// dynamic unions, `RegularThis`, optional arguments, a start kind instead of a flag, and
    /// classes that extend others.
    static let v0_2_122 = v0_2_100
        .inserting("reexport", .optional(.string), in: "Import", after: "js_namespace")
        .inserting("generate_typescript", .bool, in: "Import", after: "reexport")
        .defining("ImportKind", enum_(("Function", .named("ImportFunction")), ("Static", .named("ImportStatic")),
                                      ("String", .named("ImportString")), ("Type", .named("ImportType")),
                                      ("Enum", .named("StringEnum")), ("DynamicUnion", .named("DynamicUnion"))))
        .defining("OperationKind", enum_(("Regular", nil), ("RegularThis", nil), ("Getter", .string), ("Setter", .string),
                                         ("IndexingGetter", nil), ("IndexingSetter", nil), ("IndexingDeleter", nil)))
        .inserting("private", .bool, in: "StringEnum", after: "generate_typescript")
        .inserting("js_namespace", .optional(strings), in: "StringEnum", after: "private")
        .defining("StartKind", enum_(("None", nil), ("Public", nil), ("Private", nil)))
        .defining("DynamicUnion", struct_(("name", .string), ("variant_strings", strings), ("variant_type_cnt", .u32),
                                          ("comments", strings), ("generate_typescript", .bool), ("private", .bool),
                                          ("fallback", .bool)))
        .defining("Export", struct_(("class", .optional(.string)), ("comments", strings), ("consumed", .bool),
                                    ("function", .named("Function")), ("js_namespace", .optional(strings)),
                                    ("method_kind", .named("MethodKind")), ("start", .named("StartKind"))))
        .inserting("js_namespace", .optional(strings), in: "Enum", after: "generate_typescript")
        .inserting("private", .bool, in: "Enum", after: "js_namespace")
        .inserting("optional", .bool, in: "FunctionArgumentData", after: "ty_override")
        .inserting("js_namespace", .optional(strings), in: "Struct", after: "generate_typescript")
        .inserting("private", .bool, in: "Struct", after: "js_namespace")
        .inserting("extends", .optional(.string), in: "Struct", after: "private")
        .inserting("extends_js_class", .optional(.string), in: "Struct", after: "extends")
        .inserting("extends_js_namespace", .optional(strings), in: "Struct", after: "extends_js_class")
}

/// A decoded program value: what `ProgramEncoding` describes, read from the section's bytes.
package indirect enum ProgramValue: Sendable, Equatable {
    /// A UTF-8 string.
    case string(String)
    /// A flag.
    case bool(Bool)
    /// A LEB128 number.
    case u32(UInt32)
    /// A counted list.
    case list([ProgramValue])
    /// An `Option` that is `None`, a variant without payload, or a field the record lacks.
    case absent
    /// A struct's fields by name.
    case record([String: ProgramValue])
    /// An enum's variant and its payload (`.absent` when it has none).
    case variant(String, ProgramValue)

    /// Reads one value of `kind` per `encoding`.
    static func decode(_ kind: ProgramEncoding.Kind, _ encoding: ProgramEncoding, from reader: inout SectionReader)
        throws(BridgeError) -> ProgramValue {
        switch kind {
        case .string: return .string(try reader.string())
        case .bool: return .bool(try reader.bool())
        case .u32: return .u32(try reader.u32())
        case .list(let element):
            var items: [ProgramValue] = []
            for _ in 0..<(try reader.count()) { items.append(try decode(element, encoding, from: &reader)) }
            return .list(items)
        case .optional(let inner):
            return try reader.byte() == 0 ? .absent : try decode(inner, encoding, from: &reader)
        case .named(let name):
            switch encoding.shapes[name] {
            case .fields(let fields):
                var record: [String: ProgramValue] = [:]
                for field in fields { record[field.name] = try decode(field.kind, encoding, from: &reader) }
                return .record(record)
            case .variants(let variants):
                let tag = Int(try reader.byte())
                guard tag < variants.count else { throw BridgeError("\(name) has no variant \(tag)") }
                guard let payload = variants[tag].payload else { return .variant(variants[tag].name, .absent) }
                return .variant(variants[tag].name, try decode(payload, encoding, from: &reader))
            case nil:
                preconditionFailure("the encoding names \(name) but does not define it")
            }
        }
    }

    /// A record's field; `.absent` when missing (a field an older schema does not have).
    subscript(_ field: String) -> ProgramValue {
        if case .record(let fields) = self { fields[field] ?? .absent } else { .absent }
    }

    /// The string, if this is one.
    var string: String? { if case .string(let value) = self { value } else { nil } }
    /// The flag; false for anything else.
    var bool: Bool { if case .bool(let value) = self { value } else { false } }
    /// The number, if this is one.
    var u32: UInt32? { if case .u32(let value) = self { value } else { nil } }
    /// The list's items; empty for anything else.
    var list: [ProgramValue] { if case .list(let items) = self { items } else { [] } }
    /// The list's strings.
    var strings: [String] { list.compactMap(\.string) }
}
