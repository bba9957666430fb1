import JSON
import WasmBinary

/// What the `__wasm_bindgen_unstable` custom section says about the module (raw cargo output
/// only; the wasm-bindgen CLI consumes it), read with the encoding of the schema its records
/// state. `Bindings(module:)` combines it with the describe functions' descriptors; embedders
/// use `Bindings`.
package struct ProgramSection: Sendable {
    /// The crate version from the records' header, e.g. "0.2.127".
    package var crateVersion: String
    /// The version-table row of the records' `schema_version`.
    package var version: BindgenVersion
    /// The crate that wrote the module (its records' `unique_crate_identifier`), for errors.
    package var crate: String
    /// Exported functions and methods, in section order.
    package var exports: [ExportRecord] = []
    /// Exported structs and their public fields.
    package var structs: [StructRecord] = []
    /// Exported C-style enums.
    package var enums: [BoundEnum] = []
    /// Functions imported from the host; statics and types are skipped.
    package var imports: [ImportRecord] = []

    /// An exported function, method or constructor.
    package struct ExportRecord: Sendable {
        /// The class a method belongs to; nil for a free function.
        package var className: String?
        /// True when the method takes `self` by value (the handle is used up).
        package var consumed: Bool
        /// The name in Rust / JS.
        package var name: String
        /// Parameter names from the Rust source.
        package var argumentNames: [String]
        /// Constructor, method, getter, setter or indexing operation.
        package var kind: MethodKind
        /// True for the `#[wasm_bindgen(start)]` function.
        package var isStart: Bool

        /// The wasm export: `lowercase(class)_name`, or the plain name.
        package var wasmName: String { className.map { "\($0.lowercased())_\(name)" } ?? name }
    }

    /// What a method export is, as wasm-bindgen-shared's `MethodKind` and `OperationKind` say.
    package enum MethodKind: Sendable, Equatable {
        case constructor
        case regular(isStatic: Bool)
        /// A getter of the named property.
        case getter(String, isStatic: Bool)
        /// A setter of the named property.
        case setter(String, isStatic: Bool)
        /// An indexing getter, setter or deleter.
        case indexing(isStatic: Bool)
    }

    /// An exported struct and its public fields.
    package struct StructRecord: Sendable {
        /// The struct's name in Rust.
        package var name: String
        /// Field names, and whether each is `readonly`.
        package var fields: [(name: String, readonly: Bool)]
    }

    /// A function the guest imports: from the host, or (0.2.105 on) one of wasm-bindgen's own
    /// intrinsics or a JS global, which the section describes like any import.
    package struct ImportRecord: Sendable {
        /// The wasm import's name (`__wbg_<name>_<hash>`).
        package var shim: String
        /// The name in Rust / JS (`host_log`, `__wbindgen_throw`, `parse`).
        package var name: String
        /// Parameter names from the Rust source.
        package var argumentNames: [String]
        /// True for `#[wasm_bindgen(catch)]`: a host error becomes `Err` in Rust.
        package var catches: Bool
        /// The JS namespace (`["JSON"]` for `JSON.parse`); empty for none.
        package var namespace: [String]
        /// The raw module it names (`__wbindgen_placeholder__` for wasm-bindgen's intrinsics).
        package var rawModule: String?
        /// The crate whose record declares it (`wasm-bindgen-<hash>` for wasm-bindgen's own).
        package var crate: String
        /// The class of a method or constructor import (`Error` for `new Error(...)`).
        package var className: String?
        /// True for a constructor import (`#[wasm_bindgen(constructor)]`).
        package var isConstructor: Bool

        /// What the import is, independent of its hashed shim name: `__wbindgen_throw`,
        /// `JSON.parse`, `new Error`, or a host function's name.
        package var what: String {
            if isConstructor, let className { return "new \(className)" }
            return (namespace + [name]).joined(separator: ".")
        }
    }

    static let sectionName = "__wasm_bindgen_unstable"

    /// Reads every record of the section; nil when the module has none. Every record must
    /// state the same, known, schema; a record that does not decode with that schema's
    /// encoding is an error naming the schema and the record.
    package init?(module: BinaryModule) throws(BridgeError) {
        let sections = module.customSections.filter { $0.name == Self.sectionName }
        guard !sections.isEmpty else { return nil }
        var found: (crateVersion: String, version: BindgenVersion)?
        var programs: [ProgramValue] = []
        var index = 0
        for section in sections {
            var reader = SectionReader(bytes: Array(section.bytes))
            while !reader.isAtEnd {
                index += 1
                let headerLength = try reader.fixedU32()
                let header = try reader.bytes(Int(headerLength))
                guard let json = try? JSON.parse(bytes: header), let crateVersion = json["version"]?.stringValue else {
                    throw BridgeError("\(Self.sectionName) record \(index): unreadable header")
                }
                let schema = json["schema_version"]?.stringValue ?? crateVersion
                guard let version = BindgenVersion.schema(schema) else {
                    throw BindgenVersion.unsupported(schema: schema, crate: crateVersion)
                }
                if let found, found.version != version {
                    throw BridgeError("\(Self.sectionName) record \(index) states schema \(schema), an earlier one \(found.version.schema)")
                }
                found = (crateVersion, version)
                let programLength = Int(try reader.fixedU32())
                var program = SectionReader(bytes: try reader.bytes(programLength))
                do throws(BridgeError) {
                    programs.append(try ProgramValue.decode(.named("Program"), version.program, from: &program))
                    guard program.isAtEnd else { throw BridgeError("\(program.bytes.count - program.offset) bytes are left over") }
                } catch {
                    throw BridgeError("\(Self.sectionName) record \(index) does not decode as wasm-bindgen schema \(schema) (crate \(crateVersion)): \(error.message)",
                                      remedy: "the section is truncated or was written by another wasm-bindgen than its header says")
                }
            }
        }
        guard let found else { throw BridgeError("\(Self.sectionName) is empty") }
        crateVersion = found.crateVersion
        version = found.version
        let crates = programs.compactMap { $0["unique_crate_identifier"].string }
        crate = crates.first { !Self.isBindgen($0) } ?? crates.first ?? ""
        for program in programs { try read(program) }
    }

    /// Whether a `unique_crate_identifier` ("<crate>-<hash>") is wasm-bindgen's own crate.
    static func isBindgen(_ identifier: String) -> Bool {
        identifier.split(separator: "-").dropLast().joined(separator: "-") == "wasm-bindgen"
    }

    private mutating func read(_ program: ProgramValue) throws(BridgeError) {
        for export in program["exports"].list {
            let function = export["function"]
            let start: Bool = switch export["start"] {
            case .bool(let flag): flag
            case .variant(let kind, _): kind != "None"
            default: false
            }
            exports.append(ExportRecord(className: export["class"].string, consumed: export["consumed"].bool,
                                        name: function["name"].string ?? "", argumentNames: Self.argumentNames(function),
                                        kind: try Self.methodKind(export["method_kind"]), isStart: start))
        }
        for record in program["enums"].list {
            let variants = record["variants"].list.map { ($0["name"].string ?? "", $0["value"].u32 ?? 0) }
            enums.append(BoundEnum(name: record["name"].string ?? "", variants: variants))
        }
        for record in program["imports"].list {
            guard case .variant("Function", let function) = record["kind"] else { continue }
            var rawModule: String?
            if case .variant("RawNamed", .string(let name)) = record["module"] { rawModule = name }
            var className: String?
            var isConstructor = false
            if case .record = function["method"] {
                className = function["method"]["class"].string
                isConstructor = try Self.methodKind(function["method"]["kind"]) == .constructor
            }
            imports.append(ImportRecord(shim: function["shim"].string ?? "", name: function["function"]["name"].string ?? "",
                                        argumentNames: Self.argumentNames(function["function"]), catches: function["catch"].bool,
                                        namespace: record["js_namespace"].strings, rawModule: rawModule,
                                        crate: program["unique_crate_identifier"].string ?? "",
                                        className: className, isConstructor: isConstructor))
        }
        for record in program["structs"].list {
            structs.append(StructRecord(name: record["name"].string ?? "",
                                        fields: record["fields"].list.map { ($0["name"].string ?? "", $0["readonly"].bool) }))
        }
    }

    /// `arg_names` (0.2.83, 0.2.92) or the names in `args` (0.2.100 on).
    private static func argumentNames(_ function: ProgramValue) -> [String] {
        if case .list = function["arg_names"] { return function["arg_names"].strings }
        return function["args"].list.compactMap { $0["name"].string }
    }

    private static func methodKind(_ value: ProgramValue) throws(BridgeError) -> MethodKind {
        switch value {
        case .variant("Constructor", _): return .constructor
        case .variant("Operation", let operation):
            let isStatic = operation["is_static"].bool
            switch operation["kind"] {
            case .variant("Regular", _), .variant("RegularThis", _): return .regular(isStatic: isStatic)
            case .variant("Getter", .string(let name)): return .getter(name, isStatic: isStatic)
            case .variant("Setter", .string(let name)): return .setter(name, isStatic: isStatic)
            case .variant(let kind, _) where kind.hasPrefix("Indexing"): return .indexing(isStatic: isStatic)
            default: throw BridgeError("unknown operation kind \(operation["kind"])")
            }
        default: throw BridgeError("unknown method kind \(value)")
        }
    }
}

/// The section's primitive encodings: LEB128 u32, 1-byte bools, length-prefixed UTF-8.
struct SectionReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() throws(BridgeError) -> UInt8 {
        guard offset < bytes.count else { throw BridgeError("\(ProgramSection.sectionName) ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bytes(_ count: Int) throws(BridgeError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - offset else { throw BridgeError("\(ProgramSection.sectionName) ends early") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func fixedU32() throws(BridgeError) -> UInt32 {
        let b = try bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    mutating func u32() throws(BridgeError) -> UInt32 {
        var reader = BinaryReader(bytes: bytes, offset: offset)
        do {
            let value = try reader.readU32()
            offset = reader.offset
            return value
        } catch {
            throw BridgeError("\(ProgramSection.sectionName): \(error.message)")
        }
    }

    mutating func bool() throws(BridgeError) -> Bool { try byte() != 0 }

    mutating func string() throws(BridgeError) -> String {
        let length = Int(try u32())
        return String(decoding: try bytes(length), as: UTF8.self)
    }

    /// A list's length; more elements than bytes left means the section is truncated.
    mutating func count() throws(BridgeError) -> UInt32 {
        let count = try u32()
        guard Int(count) <= bytes.count - offset else { throw BridgeError("\(ProgramSection.sectionName) ends early") }
        return count
    }
}
