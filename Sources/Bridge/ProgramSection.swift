import JSON
import WasmBinary

/// What the `__wasm_bindgen_unstable` custom section says about the module (raw cargo output
/// only; the wasm-bindgen CLI consumes it). Schema of 0.2.83 (`wasm-bindgen-shared`).
/// `Bindings(module:)` combines it with the describe functions' descriptors; embedders use
/// `Bindings`.
package struct ProgramSection: Sendable {
    /// The crate version from each record's header, e.g. "0.2.83".
    package var version: String
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

    /// A function the guest imports from the host.
    package struct ImportRecord: Sendable {
        /// The wasm import's name (`__wbg_<name>_<hash>`).
        package var shim: String
        /// The name in Rust / JS.
        package var name: String
        /// Parameter names from the Rust source.
        package var argumentNames: [String]
        /// True for `#[wasm_bindgen(catch)]`: a host error becomes `Err` in Rust.
        package var catches: Bool
    }

    static let sectionName = "__wasm_bindgen_unstable"

    /// Reads every record of the section; nil when the module has none.
    package init?(module: BinaryModule) throws(BridgeError) {
        let sections = module.customSections.filter { $0.name == Self.sectionName }
        guard !sections.isEmpty else { return nil }
        version = ""
        for section in sections {
            var reader = SectionReader(bytes: Array(section.bytes))
            while !reader.isAtEnd {
                let headerLength = try reader.fixedU32()
                let header = try reader.bytes(Int(headerLength))
                guard let json = try? JSON.parse(bytes: header), let recordVersion = json["version"]?.stringValue else {
                    throw BridgeError("unreadable \(Self.sectionName) header")
                }
                if version.isEmpty { version = recordVersion }
                guard BindgenVersion.named(recordVersion) != nil else {
                    throw BridgeError("wasm-bindgen \(recordVersion) is not supported; supported: "
                        + BindgenVersion.supported.map(\.version).joined(separator: ", "))
                }
                let programLength = Int(try reader.fixedU32())
                var program = SectionReader(bytes: try reader.bytes(programLength))
                try readProgram(&program)
            }
        }
    }

    private mutating func readProgram(_ r: inout SectionReader) throws(BridgeError) {
        for _ in 0..<(try r.u32()) {
            let className = try r.optional { (r: inout SectionReader) throws(BridgeError) in try r.string() }
            _ = try r.strings()  // comments
            let consumed = try r.bool()
            let function = try readFunction(&r)
            let kind = try readMethodKind(&r)
            let start = try r.bool()
            exports.append(ExportRecord(className: className, consumed: consumed, name: function.name,
                                        argumentNames: function.arguments, kind: kind, isStart: start))
        }
        for _ in 0..<(try r.u32()) {
            let name = try r.string()
            var variants: [(String, UInt32)] = []
            for _ in 0..<(try r.u32()) {
                let variant = try r.string()
                let value = try r.u32()
                _ = try r.strings()
                variants.append((variant, value))
            }
            _ = try r.strings()
            _ = try r.bool()
            enums.append(BoundEnum(name: name, variants: variants))
        }
        for _ in 0..<(try r.u32()) {
            if let record = try readImport(&r) { imports.append(record) }
        }
        for _ in 0..<(try r.u32()) {
            let name = try r.string()
            var fields: [(String, Bool)] = []
            for _ in 0..<(try r.u32()) {
                let field = try r.string()
                let readonly = try r.bool()
                _ = try r.strings()
                _ = try r.bool()
                fields.append((field, readonly))
            }
            _ = try r.strings()
            _ = try r.bool()
            _ = try r.bool()
            structs.append(StructRecord(name: name, fields: fields))
        }
        // typescript_custom_sections, local_modules, inline_js, unique_crate_identifier and
        // package_json follow; the record's length lets us skip them.
    }

    private func readFunction(_ r: inout SectionReader) throws(BridgeError) -> (name: String, arguments: [String]) {
        let arguments = try r.strings()
        _ = try r.bool()  // asyncness
        let name = try r.string()
        _ = try r.bool()  // generate_typescript
        _ = try r.bool()  // variadic
        return (name, arguments)
    }

    private func readMethodKind(_ r: inout SectionReader) throws(BridgeError) -> MethodKind {
        switch try r.byte() {
        case 0: return .constructor
        case 1:
            let isStatic = try r.bool()
            switch try r.byte() {
            case 0: return .regular(isStatic: isStatic)
            case 1: return .getter(try r.string(), isStatic: isStatic)
            case 2: return .setter(try r.string(), isStatic: isStatic)
            case 3, 4, 5: return .indexing(isStatic: isStatic)
            case let other: throw BridgeError("unknown operation kind \(other)")
            }
        case let other: throw BridgeError("unknown method kind \(other)")
        }
    }

    /// An import record; nil for the kinds that declare no function (statics, types, enums).
    private func readImport(_ r: inout SectionReader) throws(BridgeError) -> ImportRecord? {
        _ = try r.optional { (r: inout SectionReader) throws(BridgeError) -> Void in
            switch try r.byte() {
            case 0, 1: _ = try r.string()
            case 2: _ = try r.u32()
            case let other: throw BridgeError("unknown import module kind \(other)")
            }
        }
        _ = try r.optional { (r: inout SectionReader) throws(BridgeError) in try r.strings() }
        switch try r.byte() {
        case 0:
            let shim = try r.string()
            let catches = try r.bool()
            _ = try r.bool()  // variadic
            _ = try r.bool()  // assert_no_shim
            _ = try r.optional { (r: inout SectionReader) throws(BridgeError) -> Void in
                _ = try r.string()
                _ = try readMethodKind(&r)
            }
            _ = try r.bool()  // structural
            let function = try readFunction(&r)
            return ImportRecord(shim: shim, name: function.name, argumentNames: function.arguments, catches: catches)
        case 1:
            _ = try r.string()
            _ = try r.string()
            return nil
        case 2:
            _ = try r.string()
            _ = try r.string()
            _ = try r.strings()
            return nil
        case 3:
            return nil
        case let other:
            throw BridgeError("unknown import kind \(other)")
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

    mutating func strings() throws(BridgeError) -> [String] {
        var result: [String] = []
        for _ in 0..<(try u32()) { result.append(try string()) }
        return result
    }

    mutating func optional<T>(_ body: (inout SectionReader) throws(BridgeError) -> T) throws(BridgeError) -> T? {
        try byte() == 0 ? nil : try body(&self)
    }
}
