import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// One build of the Rust examples: 0.2.83 from examples/rust (rebuilt by CI), the newer ones
/// from the fixtures Fixtures/build-wasm-bindgen.sh wrote.
struct RustBuild: Sendable, CustomTestStringConvertible {
    /// The wasm-bindgen crate version.
    var version: String
    /// The schema its custom section states.
    var schema: String

    static let v0_2_83 = RustBuild(version: "0.2.83", schema: "0.2.83")
    /// Every build the tests run against.
    static let v0_2_127 = RustBuild(version: "0.2.127", schema: "0.2.122")
    static let all = [v0_2_83, RustBuild(version: "0.2.92", schema: "0.2.92"), RustBuild(version: "0.2.100", schema: "0.2.100"),
                      RustBuild(version: "0.2.105", schema: "0.2.105"), v0_2_127]

    var testDescription: String { "wasm-bindgen \(version)" }

    /// The example's raw module, relative to the repository.
    func path(_ example: String) -> String {
        version == "0.2.83" ? "examples/rust/\(example)/\(example).wasm"
            : "Tests/BridgeTests/Fixtures/wasm-bindgen-\(version)/\(example).wasm"
    }

    func module(_ example: String) throws -> Module {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try Module(bytes: [UInt8](Data(contentsOf: root.appendingPathComponent(path(example)))))
    }
}

@Suite struct BindingDiscoveryTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/rust")

    static func module(_ name: String, _ build: RustBuild = .v0_2_83) throws -> Module {
        try build.module(name)
    }

    @Test func discoversFunctionsWithTheirNamesAndTypes() throws {
        let bindings = try Bindings(module: try Self.module("greet"))
        #expect(bindings.version.schema == "0.2.83" && bindings.crateVersion == "0.2.83")
        let greet = try #require(bindings.functions.first { $0.name == "greet" })
        #expect(greet.signature.arguments == [.ref(.string)])
        #expect(greet.signature.result == .string)
        #expect(greet.description == "greet(name: string) -> string")
    }

    @Test func discoversClassesConstructorsAndMethods() throws {
        let bindings = try Bindings(module: try Self.module("calculator"))
        let calculator = try #require(bindings.classes.first { $0.name == "Calculator" })
        #expect(calculator.constructor?.wasmName == "calculator_new")
        #expect(calculator.constructor?.signature.result == .rustStruct("Calculator"))
        let add = try #require(calculator.methods.first { $0.function.name == "add" })
        #expect(add.function.wasmName == "calculator_add")
        #expect(add.receiver == .borrowed)
        #expect(calculator.freeFunction == "__wbg_calculator_free")
        #expect(calculator.methods.first { $0.function.name == "finish" }?.receiver == .consumed)
        #expect(calculator.methods.first { $0.function.name == "zero" }?.receiver == BoundClass.Receiver.none)
        #expect(calculator.fields.map(\.name) == ["steps"])
        #expect(calculator.fields.first?.type == .u32)
        #expect(calculator.description.hasPrefix("class Calculator {\n  constructor(initial: i32)\n  steps: u32\n  add(x: i32) -> i32\n  value() -> i32\n"))
        #expect(calculator.description.contains("\n  static zero() -> Calculator\n  consuming finish() -> i32\n}"))
    }

    @Test func discoversHostImportsAndTheirCatch() throws {
        let bindings = try Bindings(module: try Self.module("host_import"))
        let log = try #require(bindings.imports.first { $0.name == "host_log" })
        #expect(log.signature.arguments == [.ref(.string)] && !log.catches)
        #expect(bindings.imports.first { $0.name == "host_lookup" }?.catches == true)
    }

    @Test func describesEveryExampleWithoutError() throws {
        for name in ["greet", "calculator", "result", "bytes", "process_json", "handle", "host_import", "jsvalue", "scalars"] {
            let bindings = try Bindings(module: try Self.module(name))
            #expect(!bindings.functions.isEmpty || !bindings.classes.isEmpty, "\(name)")
        }
    }

    @Test func decodesDescriptorsWithTheVersionTable() throws {
        let words: [UInt32] = [11, 0, 2, 16, 17, 1, 24, 9, 25, 14, 25, 14]
        #expect(try DescriptorDecoder.decode(words, version: .v0_2_83) == .function(FunctionDescriptor(
            shimIndex: 0, arguments: [.refMut(.slice(.u8)), .optional(.f64)], result: .result(.string))))
    }

    @Test func rejectsTruncatedAndUnknownDescriptors() {
        #expect(throws: BridgeError.self) { try DescriptorDecoder.decode([11, 0, 1], version: .v0_2_83) }
        #expect(throws: BridgeError.self) { try DescriptorDecoder.decode([99], version: .v0_2_83) }
        #expect(throws: BridgeError.self) { try DescriptorDecoder.decode([4, 4], version: .v0_2_83) }
    }

    @Test func namesTheVersionOfAnUnsupportedModule() throws {
        var bytes = [UInt8](try Data(contentsOf: Self.examples.appendingPathComponent("greet/greet.wasm")))
        let header = Array("\"schema_version\":\"0.2.83\"".utf8)
        let patched = Array("\"schema_version\":\"0.2.99\"".utf8)
        let start = try #require((0...(bytes.count - header.count)).first { bytes[$0..<$0 + header.count].elementsEqual(header) })
        bytes.replaceSubrange(start..<start + header.count, with: patched)
        do {
            _ = try Bindings(module: try Module(bytes: bytes))
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("(schema 0.2.99) is not supported; supported schemas: 0.2.83 (0.2.83), 0.2.92 (0.2.92), 0.2.100 (0.2.100), 0.2.105 (0.2.105), 0.2.122 (0.2.122–0.2.127)"))
        }
    }

    /// Each build reads with its own row of the version table, keyed by the schema the section
    /// states (0.2.127 states 0.2.122), and every example describes the same bindings as the
    /// 0.2.83 build: the same functions, classes and signatures, version line aside (in the
    /// order of the section, which differs between versions).
    @Test(arguments: RustBuild.all)
    func everyBuildDescribesTheSameBindings(_ build: RustBuild) throws {
        for name in ["greet", "calculator", "result", "bytes", "process_json", "handle", "host_import", "jsvalue", "scalars", "arena"] {
            let bindings = try Bindings(module: try build.module(name))
            #expect(bindings.crateVersion == build.version && bindings.version.schema == build.schema, "\(name)")
            let lines = bindings.description.split(separator: "\n")
            #expect(lines.first == "wasm-bindgen \(build.version) (schema \(build.schema))")
            let reference = try Bindings(module: try RustBuild.v0_2_83.module(name)).description.split(separator: "\n")
            #expect(lines.dropFirst().sorted() == reference.dropFirst().sorted(), "\(name)")
        }
    }

    @Test func decodesDescriptorsOfEachVersionWithItsCodes() throws {
        // greet: FUNCTION, shim 0, one argument, REF(STRING), STRING, STRING
        let greet = Descriptor.function(FunctionDescriptor(shimIndex: 0, arguments: [.ref(.string)], result: .string))
        #expect(try DescriptorDecoder.decode([11, 0, 1, 15, 14, 14, 14], version: .v0_2_92) == greet)
        #expect(try DescriptorDecoder.decode([13, 0, 1, 17, 16, 16, 16], version: .v0_2_100) == greet)
        #expect(try DescriptorDecoder.decode([15, 0, 1, 19, 18, 18, 18], version: .v0_2_122) == greet)
        // 0.2.92 on, an enum carries its name before the hole.
        #expect(try DescriptorDecoder.decode([24, 1, 67, 9], version: .v0_2_100) == .enumeration(hole: 9))
        #expect(try DescriptorDecoder.decode([21, 9], version: .v0_2_83) == .enumeration(hole: 9))
        #expect(throws: BridgeError.self) { try DescriptorDecoder.decode([8], version: .v0_2_100) }  // I128
    }

    /// The module's bytes with `from` replaced by `to` (same length) inside the custom
    /// section only: the section then says something the rest of the module does not.
    static func patchingSection(_ bytes: [UInt8], _ from: String, _ to: String) throws -> [UInt8] {
        var bytes = bytes
        var offset = 8
        var patched = false
        while offset < bytes.count {
            let id = bytes[offset]
            var reader = BinaryReader(bytes: bytes, offset: offset + 1)
            let size = Int(try reader.readU32())
            let end = reader.offset + size
            let nameLength = Int(try reader.readU32())
            let name = String(decoding: bytes[reader.offset..<reader.offset + nameLength], as: UTF8.self)
            if id == 0, name == "__wasm_bindgen_unstable" {
                let (old, new) = (Array(from.utf8), Array(to.utf8))
                for start in reader.offset...(end - old.count) where bytes[start..<start + old.count].elementsEqual(old) {
                    bytes.replaceSubrange(start..<start + old.count, with: new)
                    patched = true
                }
            }
            offset = end
        }
        guard patched else { throw BridgeError("\(from) is not in the section") }
        return bytes
    }

    static func bytes(_ build: RustBuild, _ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(build.path(name))))
    }

    /// A section that states another schema than the one it was written with fails to decode
    /// with that schema's encoding, naming schema, crate version and record; never a crash.
    @Test(arguments: [("0.2.83", "0.2.83", "0.2.92"), ("0.2.127", "0.2.122", "0.2.100"), ("0.2.100", "0.2.100", "0.2.122")])
    func aSectionThatLiesAboutItsSchemaIsAnError(version: String, schema: String, claimed: String) throws {
        let build = try #require(RustBuild.all.first { $0.version == version })
        let bytes = try Self.patchingSection(try Self.bytes(build, "calculator"), "\"schema_version\":\"\(schema)\"",
                                             "\"schema_version\":\"\(claimed)\"")
        do {
            _ = try Bindings(module: try Module(bytes: bytes))
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("does not decode as wasm-bindgen schema \(claimed) (crate \(version))"), "\(error.message)")
        }
    }

    /// Every proper prefix of a section's first record is refused with an error, never a crash.
    @Test(arguments: RustBuild.all)
    func aTruncatedSectionIsAnError(_ build: RustBuild) throws {
        let module = try build.module("greet")
        let section = try #require(module.binary.customSections.first { $0.name == "__wasm_bindgen_unstable" })
        let full = Array(section.bytes)
        func u32(at offset: Int) -> Int { (0..<4).reduce(0) { $0 | Int(full[offset + $1]) << ($1 * 8) } }
        let header = u32(at: 0)
        let recordEnd = 8 + header + u32(at: 4 + header)
        var binary = module.binary
        for length in 0..<recordEnd {
            let index = try #require(binary.customSections.firstIndex { $0.name == "__wasm_bindgen_unstable" })
            binary.customSections[index].bytes = full[..<length]
            #expect(throws: BridgeError.self) { try ProgramSection(module: binary) }
        }
    }

    /// The section names an export no describe function describes.
    @Test(arguments: RustBuild.all)
    func aSectionThatDisagreesWithTheDescribeFunctionsIsAnError(_ build: RustBuild) throws {
        let bytes = try Self.patchingSection(try Self.bytes(build, "greet"), "greet", "grEet")
        do {
            _ = try Bindings(module: try Module(bytes: bytes))
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("(wasm-bindgen \(build.version), schema \(build.schema)): no function descriptor for grEet"),
                    "\(error.message)")
        }
    }

    /// An intrinsic Hearth does not know (here JSON.parse renamed JSOX.parse in the section) fails
    /// instantiation, naming it, its wasm import, and the version.
    @Test func anUnknownIntrinsicIsALinkErrorNamingIt() throws {
        let build = RustBuild.v0_2_127
        let bytes = try Self.patchingSection(try Self.bytes(build, "jsvalue"), "JSON", "JSOX")
        do {
            _ = try Guest(module: try Module(bytes: bytes))
            Issue.record("expected an error")
        } catch let error as LinkError {
            #expect(error.message.contains("(wasm-bindgen 0.2.127, schema 0.2.122) imports JSOX."), "\(error.message)")
            #expect(error.message.contains("which Hearth does not provide yet"))
        }
    }

    @Test func rejectsModulesThatAreNotBindgenOutput() throws {
        let math = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/c/math.wasm")
        let module = try Module(bytes: [UInt8](Data(contentsOf: math)))
        #expect(throws: BridgeError.self) { try Bindings(module: module) }
    }
}
