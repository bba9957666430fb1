import Foundation
import Hearth
import Testing
@testable import hearth

/// docs/errors.md is the list of error codes a user can meet. Each code listed there is
/// produced here by doing what causes it, and comes out with the documented kind.
@Suite struct ErrorCatalogTests {
    static let root = CLITests.root
    static let fixtures = root.appendingPathComponent("Tests/HearthCLITests/Fixtures")

    /// One way to cause an error.
    struct Cause: Sendable, CustomTestStringConvertible {
        var code: String
        var cause: @Sendable () throws -> Void
        var testDescription: String { code }
    }

    static func module(_ name: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: fixtures.appendingPathComponent("\(name).wasm"))))
    }

    /// Calls an export of errors.wat (each export traps in one of the ways).
    static func trap(_ code: String, _ export: String) -> Cause {
        Cause(code: code) {
            let instance = try Instance(module: try module("errors"), store: Store())
            _ = try instance.function(named: Name(export))!.call([])
        }
    }

    /// Calls errors.wat's endless recursion in an interruptible store that `prepare` limits.
    static func limit(_ code: String, _ prepare: @escaping @Sendable (Store) -> Void) -> Cause {
        Cause(code: code) {
            let engine = Engine(configuration: .init(interruptible: true))
            let module = try Module(bytes: [UInt8](Data(contentsOf: fixtures.appendingPathComponent("errors.wasm"))), engine: engine)
            let store = Store(engine: engine)
            let instance = try Instance(module: module, store: store)
            prepare(store)
            _ = try instance.function(named: "recurse")!.call([])
        }
    }

    static func guest(_ name: String) throws -> Guest {
        try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: root.appendingPathComponent("examples/rust/\(name)/\(name).wasm")))))
    }

    static let pluginFixtures = root.appendingPathComponent("Tests/HearthPluginTests/Fixtures").path

    /// A manifest of the plugin test fixtures `modules`, the first one main.
    static func pluginManifest(_ modules: [String]) throws -> PluginManifest {
        let entries = modules.map { #""\#($0)": {"wasm": "\#($0)"}"# }.joined(separator: ", ")
        return try PluginManifest(json: try JSON.parse(#"{"mainModule": "\#(modules[0])", "modules": {\#(entries)}}"#), baseDirectory: pluginFixtures)
    }

    static let causes: [Cause] = [
        Cause(code: "HEARTH-E101") { _ = try Module(bytes: [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]) },
        // A function of type [] -> [] that leaves an i32 on the stack.
        Cause(code: "HEARTH-E102") {
            _ = try Module(bytes: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                                   0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
                                   0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0B])
        },
        Cause(code: "HEARTH-E103") { _ = try Instance(module: try module("imports"), store: Store()) },
        Cause(code: "HEARTH-E104") {
            let instance = try Instance(module: try module("errors"), store: Store())
            _ = try instance.function(named: "divide_by_zero")!.call([.i32(1)])
        },
        Cause(code: "HEARTH-E105") { _ = try readModuleBytes(fixtures.appendingPathComponent("missing.wasm").path) },
        trap("HEARTH-E201", "unreachable"),
        trap("HEARTH-E202", "divide_by_zero"),
        trap("HEARTH-E203", "overflow"),
        trap("HEARTH-E204", "convert_nan"),
        trap("HEARTH-E205", "load_past_end"),
        trap("HEARTH-E206", "table_past_end"),
        trap("HEARTH-E207", "call_past_end"),
        trap("HEARTH-E208", "call_null"),
        trap("HEARTH-E209", "call_wrong_type"),
        trap("HEARTH-E210", "recurse"),
        trap("HEARTH-E211", "null_call_ref"),
        trap("HEARTH-E212", "null_as_non_null"),
        trap("HEARTH-E213", "null_throw_ref"),
        trap("HEARTH-E220", "uncaught"),
        // A module whose type section declares a GC struct type.
        Cause(code: "HEARTH-E106") {
            _ = try Module(bytes: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x5F, 0x00])
        },
        Cause(code: "HEARTH-E301") { _ = try JSON.parse("{\"unterminated\": ") },
        Cause(code: "HEARTH-E401") { _ = try guest("greet").call("greet", [42]) },
        Cause(code: "HEARTH-E402") { _ = try guest("result").call("parse_positive", ["-3"]) },
        Cause(code: "HEARTH-E403") {
            let fixtures = root.appendingPathComponent("Tests/BridgeTests/Fixtures")
            let module = try Module(bytes: [UInt8](Data(contentsOf: fixtures.appendingPathComponent("assemblyscript.wasm"))))
            let sidecar = try JSON.parse(String(contentsOf: fixtures.appendingPathComponent("assemblyscript.as.json"), encoding: .utf8))
            _ = try AssemblyScriptGuest(module: module, signatures: try ASSignatures(json: sidecar)).call("fail", [])
        },
        Cause(code: "HEARTH-E601") {
            _ = try PluginManifest(json: try JSON.parse(#"{"modules": {"a.wasm": {"wasm": "a.wasm"}}, "limits": {"fuel": -5}}"#), baseDirectory: "/")
        },
        Cause(code: "HEARTH-E602") { _ = try Plugin(manifest: try pluginManifest(["mismatch.wasm", "math.wasm"])) },
        Cause(code: "HEARTH-E603") { _ = try Plugin(manifest: try pluginManifest(["cycle_a.wasm", "cycle_b.wasm"])) },
        Cause(code: "HEARTH-E604") {
            _ = try Plugin(manifest: try PluginManifest(json: try JSON.parse(
                #"{"modules": {"math.wasm": {"wasm": "math.wasm", "sha256": "\#(String(repeating: "0", count: 64))"}}}"#), baseDirectory: pluginFixtures))
        },
        Cause(code: "HEARTH-E605") { _ = try Plugin(manifest: try pluginManifest(["missing-module.wasm"])) },
        Cause(code: "HEARTH-E606") { _ = try Plugin(manifest: try pluginManifest(["math.wasm"])).call("add", [1]) },
        Cause(code: "HEARTH-E607") {
            let instance = try Plugin(manifest: try pluginManifest(["math.wasm"])).instantiate()
            _ = try? instance.call("crash")
            _ = try instance.call("add", [1, 2])
        },
        limit("HEARTH-E701") { $0.fuel = 1_000 },
        limit("HEARTH-E702") { store in
            store.setDeadline(after: .zero)
            Thread.sleep(forTimeInterval: 0.05)  // the deadline's timer fires
        },
        limit("HEARTH-E703") { $0.interruptHandle.interrupt() },
        Cause(code: "HEARTH-E704") { _ = try Instance(module: try module("errors"), store: Store(memoryLimit: 0)) },
        Cause(code: "HEARTH-E501") {
            _ = try WASI(configuration: WASIConfiguration(preopenedDirectories: [
                PreopenedDirectory(hostPath: fixtures.appendingPathComponent("missing-directory").path)]))
        },
    ]

    /// Every code in docs/errors.md, with its kind where a table gives one (traps have `.trap`).
    static func documentedCodes() throws -> [String: ErrorKind] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        var codes: [String: ErrorKind] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `HEARTH-E") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            // Rows of the tables with a kind column name it; trap rows are `.trap`.
            guard let kind = cells.count >= 5 ? ErrorKind(rawValue: cells[2]) : .trap else {
                Issue.record("no known kind in \(line)")
                continue
            }
            codes[cells[0]] = kind
        }
        return codes
    }

    @Test func everyDocumentedCodeHasACauseHere() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count >= 18)
        #expect(Set(documented.keys) == Set(Self.causes.map(\.code)))
    }

    @Test(arguments: causes)
    func eachCauseProducesItsCodeAndKind(_ cause: Cause) throws {
        let kind = try #require(try Self.documentedCodes()[cause.code])
        do {
            try cause.cause()
            Issue.record("\(cause.code): no error")
        } catch let error as any HearthError {
            #expect(error.code == cause.code)
            #expect(error.kind == kind)
            #expect(error.description.hasPrefix("\(cause.code) \(kind.title): "))
        }
    }

    @Test func trapsSayWhereTheyHappenedAsData() throws {
        let module = try Self.module("errors")
        let instance = try Instance(module: module, store: Store())
        let error = try #require(throws: Trap.self) { try instance.function(named: "convert_nan")!.call([]) }
        // The offset is the trapping instruction's position in `hearth inspect --code`.
        let listing = try module.disassemble(functionIndex: 4).split(separator: "\n")
        let line = try #require(listing.first { $0.contains("i32_trunc_f32_s") })
        let offset = try #require(Int(line.split(separator: " ")[0]))
        #expect(error.location == ErrorLocation(functionIndex: 4, functionName: "convert_nan", codeOffset: offset))
        #expect(error.description == "HEARTH-E204 trap: invalid conversion to integer in function 4 (convert_nan) at code offset \(offset)")
    }
}
