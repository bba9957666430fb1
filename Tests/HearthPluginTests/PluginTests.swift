import Foundation
import JSON
import Testing
import Bridge
import WasmEngine
@testable import HearthPlugin

/// A compiled plugin: its modules linked by name, instantiated in dependency order, every
/// module's exports callable, and an error naming the module for each way the modules fail
/// to fit together.
@Suite struct PluginTests {
    /// The error `body` throws, if it is a `PluginError`.
    static func pluginError(_ body: () throws -> Void) -> PluginError? {
        do {
            try body()
            return nil
        } catch let error as PluginError {
            return error
        } catch {
            Issue.record("expected a PluginError, got \(error)")
            return nil
        }
    }

    @Test func modulesImportEachOtherByKeyWithAndWithoutDotWasm() throws {
        let plugin = try Plugin(manifest: try PluginFixtures.arithmetic())
        let instance = try plugin.instantiate()
        // main.sum_double -> math.wasm.add, then util.double -> math.mul.
        #expect(try instance.call("sum_double", [3, 4]) == 14)
        #expect(try instance.call("main.wasm:sum_double", [1, 1]) == 4)
    }

    @Test func modulesAreInstantiatedAfterWhatTheyImportFrom() throws {
        // The manifest lists main first; math has no imports, util imports math.
        let plugin = try Plugin(manifest: try PluginFixtures.arithmetic())
        #expect(plugin.moduleNames == ["math.wasm", "util.wasm", "main.wasm"])
        let reversed = try Plugin(manifest: try PluginFixtures.manifest(
            main: "main.wasm", [("math.wasm", "math"), ("util.wasm", "util"), ("main.wasm", "main")]))
        #expect(reversed.moduleNames == ["math.wasm", "util.wasm", "main.wasm"])
    }

    @Test func anyModulesExportsCanBeCalledWithNumbersConvertedByType() throws {
        let instance = try Plugin(manifest: try PluginFixtures.arithmetic()).instantiate()
        #expect(try instance.call("math.wasm:add", [2, 3]) == 5)
        #expect(try instance.call("math:mul", [-6, 7]) == -42)
        #expect(try instance.call("util:double", [21]) == 42)
        #expect(try instance.call("math:add", [.integer(Int64(UInt32.max)), 1]) == 0)  // unsigned wraps as i32
        #expect(try instance.call("math:wide", [.integer(Int64.max), 0]) == .integer(Int64.max))
        #expect(try instance.call("math:half", [5]) == 2.5)
        #expect(try instance.call("math:halfs", [1.5]) == 0.75)
        #expect(try instance.call("math:divmod", [17, 5]) == [3, 2])
        // State lives in each module's own memory, per instance.
        #expect(try instance.call("math:count") == 1)
        #expect(try instance.call("math:count") == 2)
        #expect(try Plugin(manifest: try PluginFixtures.arithmetic()).instantiate().call("math:count") == 1)
    }

    @Test func badCallsNameTheModuleAndWhatDoesNotFit() throws {
        let instance = try Plugin(manifest: try PluginFixtures.arithmetic()).instantiate()
        let unknown = Self.pluginError { _ = try instance.call("math.wasm:subtract", [1, 2]) }
        #expect(unknown?.reason == .badCall)
        #expect(unknown?.message.contains("math.wasm exports no function \"subtract\"") == true)
        #expect(unknown?.message.contains("add") == true)
        let count = Self.pluginError { _ = try instance.call("math:add", [1]) }
        #expect(count?.message == "math.wasm:add takes 2 arguments (i32, i32) -> (i32), 1 given")
        let type = Self.pluginError { _ = try instance.call("math:add", [1, "two"]) }
        #expect(type?.message == "math.wasm:add: argument 2 must be i32, got \"two\"")
        let range = Self.pluginError { _ = try instance.call("math:add", [1, .integer(1 << 40)]) }
        #expect(range?.reason == .badCall)
        // None of these poisons the instance.
        #expect(try instance.call("math:add", [1, 2]) == 3)
    }

    @Test func aCycleIsAnErrorNamingIt() throws {
        let manifest = try PluginFixtures.manifest(main: "cycle_a.wasm", [("cycle_a.wasm", "cycle_a"), ("cycle_b.wasm", "cycle_b")])
        let error = Self.pluginError { _ = try Plugin(manifest: manifest) }
        #expect(error?.reason == .dependencyCycle)
        #expect(error?.code == "HEARTH-E603")
        #expect(error?.message.hasSuffix("cycle_a.wasm -> cycle_b.wasm -> cycle_a.wasm") == true)
    }

    @Test func aMissingExportIsAnErrorNamingTheImporterTheImportAndWhatIsExported() throws {
        let manifest = try PluginFixtures.manifest(main: "missing.wasm", [("missing.wasm", "missing"), ("math.wasm", "math")])
        let error = Self.pluginError { _ = try Plugin(manifest: manifest) }
        #expect(error?.reason == .unsatisfiedImport)
        #expect(error?.kind == .link)
        #expect(error?.message.hasPrefix(
            "missing.wasm imports \"math\".\"subtract\" (func (i32, i32) -> (i32)), which math.wasm does not export; it exports memory, add, mul") == true)
    }

    @Test func anImportNothingProvidesIsAnErrorNamingIt() throws {
        let manifest = try PluginFixtures.manifest(main: "unknown_host.wasm", [("unknown_host.wasm", "unknown_host")])
        let error = Self.pluginError { _ = try Plugin(manifest: manifest) }
        #expect(error?.reason == .unsatisfiedImport)
        #expect(error?.message.hasPrefix("unknown_host.wasm imports \"env\".\"log\" (func (i32) -> ()), which nothing provides") == true)
    }

    @Test func theEmbeddersHostFunctionsSatisfyImports() throws {
        let manifest = try PluginFixtures.manifest(main: "unknown_host.wasm", [("unknown_host.wasm", "unknown_host")])
        var logged: [Int32] = []
        var linker = Linker()
        linker.define("env", "log") { (_: Caller, value: Int32) in logged.append(value) }
        let plugin = try Plugin(manifest: manifest, linker: linker)
        #expect(try plugin.instantiate().call("log_twice", [7]) == .null)
        #expect(try plugin.instantiate().call("log_twice", [8]) == .null)
        #expect(logged == [7, 7, 8, 8])
    }

    @Test func aTypeMismatchNamesBothTypes() throws {
        let manifest = try PluginFixtures.manifest(main: "mismatch.wasm", [("mismatch.wasm", "mismatch"), ("math.wasm", "math")])
        let error = Self.pluginError { _ = try Plugin(manifest: manifest) }
        #expect(error?.reason == .unsatisfiedImport)
        #expect(error?.message == "mismatch.wasm imports \"math\".\"add\" as func (i64, i64) -> (i64), but math.wasm exports it as func (i32, i32) -> (i32)")
    }

    @Test func aHashMismatchIsAnErrorAndTheRightHashIsAccepted() throws {
        let bytes = try PluginFixtures.bytes("math")
        let right = SHA256.hexDigest(bytes)
        var wrong = Array(right)
        wrong[0] = wrong[0] == "0" ? "1" : "0"
        func manifest(_ hash: String) throws -> PluginManifest {
            try PluginManifest(json: try JSON.parse(#"{"modules": {"math.wasm": {"wasm": "math.wasm", "sha256": "\#(hash)"}}}"#),
                               baseDirectory: PluginFixtures.directory)
        }
        #expect(try Plugin(manifest: try manifest(right)).call("add", [1, 2]) == 3)
        let error = Self.pluginError { _ = try Plugin(manifest: try manifest(String(wrong))) }
        #expect(error?.reason == .hashMismatch)
        #expect(error?.message == "module math.wasm has SHA-256 \(right), the manifest says \(String(wrong))")
    }

    @Test func anUnreadableModuleIsNamed() throws {
        let manifest = try PluginFixtures.manifest(main: "gone.wasm", [("gone.wasm", "no-such-fixture")])
        let error = Self.pluginError { _ = try Plugin(manifest: manifest) }
        #expect(error?.reason == .unreadableModule)
        #expect(error?.message.hasPrefix("cannot read module gone.wasm at ") == true)
    }

    @Test func inlineBytesAreAModuleToo() throws {
        let base64 = Data(try PluginFixtures.bytes("math")).base64EncodedString()
        let manifest = try PluginManifest(json: try JSON.parse(#"{"modules": {"math": {"bytes": "\#(base64)"}}}"#), baseDirectory: "/")
        #expect(try Plugin(manifest: manifest).call("mul", [6, 7]) == 42)
    }

    @Test func aPlainGuestReadsTheConfigurationThroughHearthConfigGet() throws {
        let instance = try Plugin(manifest: try PluginFixtures.arithmetic()).instantiate()
        let memory = try #require(instance.instance(of: "main")?.memory(named: "memory"))
        func config(_ key: String, capacity: Int32) throws -> (length: JSON, text: String) {
            try memory.write(Array(key.utf8), at: 0)
            try memory.write([UInt8](repeating: 0, count: 16), at: 1024)
            let length = try instance.call("config", [0, .integer(Int64(key.utf8.count)), .integer(Int64(capacity))])
            let written = try memory.read(at: 1024, count: 16).prefix { $0 != 0 }
            return (length, String(decoding: written, as: UTF8.self))
        }
        #expect(try config("greeting", capacity: 16) == (7, "\"Hello\""))
        #expect(try config("limit", capacity: 16) == (1, "3"))
        // Too little room: nothing written, the length needed returned.
        #expect(try config("greeting", capacity: 6) == (7, ""))
        #expect(try config("absent", capacity: 16) == (-1, ""))
    }

    @Test func aWasmBindgenGuestReadsTheConfigurationAndImportsFromAPlainModule() throws {
        let manifest = try PluginFixtures.manifest(
            main: "reader.wasm", [("reader.wasm", "config_reader"), ("math.wasm", "math")], extra: #""config": {"greeting": "Howdy"}"#)
        let plugin = try Plugin(manifest: manifest)
        #expect(plugin.moduleNames == ["math.wasm", "reader.wasm"])
        let instance = try plugin.instantiate()
        #expect(try instance.call("greet", ["World"]) == "Howdy, World!")
        #expect(try instance.call("sum", [20, 22]) == 42)
        #expect(try instance.call("math:add", [1, 2]) == 3)
        let unconfigured = try PluginFixtures.manifest(main: "reader.wasm", [("reader.wasm", "config_reader"), ("math.wasm", "math")])
        #expect(try Plugin(manifest: unconfigured).call("greet", ["you"]) == "Hello, you!")
    }

    @Test func aWasmBindgenGuestsHostImportsComeFromTheEmbedder() throws {
        let examples = URL(fileURLWithPath: PluginFixtures.directory).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/rust/host_import/host_import.wasm").path
        let manifest = try PluginManifest(json: try JSON.parse(#"{"modules": {"host_import.wasm": {"wasm": "\#(examples)"}}}"#), baseDirectory: "/")
        let missing = Self.pluginError { _ = try Plugin(manifest: manifest, hostImports: ["host_log": { _ in .null }]) }
        #expect(missing?.reason == .unsatisfiedImport)
        #expect(missing?.message == "host_import.wasm imports the host function host_lookup(key: string) -> string catches, which the embedder does not provide")
        var logged: [JSON] = []
        let plugin = try Plugin(manifest: manifest, hostImports: [
            "host_log": { arguments in logged += arguments; return .null },
            "host_lookup": { arguments in
                guard arguments.first == "known" else { throw PluginError(.badCall, "no such key") }
                return "found"
            },
        ])
        #expect(try plugin.call("log_greeting", ["Ada"]) == 11)
        #expect(logged == ["Hello, Ada!"])
        #expect(try plugin.call("lookup_or", ["known", "fallback"]) == "found")
        #expect(try plugin.call("lookup_or", ["other", "fallback"]) == "fallback")
    }

    @Test func anAssemblyScriptModuleIsCalledWithTheManifestsSignatures() throws {
        let bridgeFixtures = URL(fileURLWithPath: PluginFixtures.directory).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("BridgeTests/Fixtures")
        let sidecar = try String(contentsOf: bridgeFixtures.appendingPathComponent("assemblyscript.as.json"), encoding: .utf8)
        let wasm = bridgeFixtures.appendingPathComponent("assemblyscript.wasm").path
        let manifest = try PluginManifest(json: try JSON.parse("""
            {"mainModule": "as.wasm", "modules": {"as.wasm": {"wasm": "\(wasm)"}, "math.wasm": {"wasm": "math.wasm"}},
             "signatures": {"as.wasm": \(sidecar)}}
            """), baseDirectory: PluginFixtures.directory)
        let instance = try Plugin(manifest: manifest).instantiate()
        #expect(try instance.call("greet", ["World"]) == "Hello, World!")
        #expect(try instance.call("range", [3]) == [0, 1, 2])
        #expect(try instance.call("math:add", [1, 2]) == 3)
        #expect(throws: AssemblyScriptAbort.self) { try instance.call("fail") }
        #expect(Self.pluginError { _ = try instance.call("greet", ["again"]) }?.reason == .poisoned)
        // Signatures are for AssemblyScript modules only.
        let wrong = try PluginManifest(json: try JSON.parse(#"{"modules": {"math.wasm": {"wasm": "math.wasm"}}, "signatures": {"math.wasm": {"functions": {}}}}"#),
                                       baseDirectory: PluginFixtures.directory)
        let error = try #require(throws: ManifestError.self) { try Plugin(manifest: wrong) }
        #expect(error.path == #"$.signatures["math.wasm"]"#)
    }

    @Test func wasiSettingsOfTheManifestAreWhatTheGuestSees() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-plugin-wasi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func plugin(readOnly: Bool) throws -> PluginInstance {
            try Plugin(manifest: try PluginFixtures.manifest(main: "wasi.wasm", [("wasi.wasm", "wasi")], extra: """
                "wasi": {"args": ["wasi", "-v", "x"], "env": {"A": "1", "B": "2"}, "dirs": [{"host": "\(directory)", "guest": "/data", "readOnly": \(readOnly)}]}
                """)).instantiate()
        }
        let readOnly = try plugin(readOnly: true)
        #expect(try readOnly.call("argc") == 3)
        #expect(try readOnly.call("envc") == 2)
        #expect(try readOnly.call("create") == 63)  // EPERM
        #expect(!FileManager.default.fileExists(atPath: directory + "/created.txt"))
        #expect(try plugin(readOnly: false).call("create") == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/created.txt"))
        // Without settings: no arguments, no environment, no directories (EBADF).
        let bare = try Plugin(manifest: try PluginFixtures.manifest(main: "wasi.wasm", [("wasi.wasm", "wasi")])).instantiate()
        #expect(try bare.call("argc") == 0)
        #expect(try bare.call("envc") == 0)
        #expect(try bare.call("create") == 8)
    }

    @Test func aTrapPoisonsTheInstanceAndLaterCallsAreRefused() throws {
        let instance = try Plugin(manifest: try PluginFixtures.arithmetic()).instantiate()
        #expect(throws: Trap.self) { try instance.call("crash_in_math") }
        #expect(instance.poisonedBy is Trap)
        let refused = Self.pluginError { _ = try instance.call("math:add", [1, 2]) }
        #expect(refused?.reason == .poisoned)
        #expect(refused?.code == "HEARTH-E607")
    }
}
