import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

@Suite struct BindingDiscoveryTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/rust")

    static func module(_ name: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: examples.appendingPathComponent("\(name)/\(name).wasm"))))
    }

    @Test func discoversFunctionsWithTheirNamesAndTypes() throws {
        let bindings = try Bindings(module: try Self.module("greet"))
        #expect(bindings.version.version == "0.2.83")
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
        let header = Array("\"version\":\"0.2.83\"".utf8)
        let patched = Array("\"version\":\"0.2.99\"".utf8)
        let start = try #require((0...(bytes.count - header.count)).first { bytes[$0..<$0 + header.count].elementsEqual(header) })
        bytes.replaceSubrange(start..<start + header.count, with: patched)
        do {
            _ = try Bindings(module: try Module(bytes: bytes))
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("0.2.99 is not supported; supported: 0.2.83"))
        }
    }

    @Test func rejectsModulesThatAreNotBindgenOutput() throws {
        let math = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/c/math.wasm")
        let module = try Module(bytes: [UInt8](Data(contentsOf: math)))
        #expect(throws: BridgeError.self) { try Bindings(module: module) }
    }
}
