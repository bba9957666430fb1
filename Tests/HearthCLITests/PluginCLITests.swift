import Foundation
import JSON
import Testing

/// `call`, `repl`, `run` and `validate` take a plugin manifest where they take a module, and
/// `--fuel`, `--timeout-ms` and `--memory-limit` bound a module's or a plugin's calls (exit 72).
@Suite struct PluginCLITests {
    static let manifest = "examples/multi-module/plugin.json"
    static let errors = "Tests/HearthCLITests/Fixtures/errors.wasm"

    /// A manifest written to a fresh directory, removed by the caller.
    static func manifest(_ text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-plugin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("plugin.json")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func callRunsTheMainModuleAndAnyOther() throws {
        let hash = try CLITests.hearth("call", Self.manifest, "sha256_hex", #""abc""#)
        #expect(hash.status == 0)
        #expect(hash.output == "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"\n")
        #expect(try CLITests.hearth("call", Self.manifest, "math.wasm:gcd", "12", "18").output == "6\n")
        #expect(try CLITests.hearth("call", Self.manifest, "add", "2", "3").output == "5\n")
        // The image module grows past the manifest's 16 MiB budget: memory.grow says -1.
        #expect(try CLITests.hearth("call", Self.manifest, "grow_image_memory", "300").output == "-1\n")
        #expect(try CLITests.hearth("call", Self.manifest, "grow_image_memory", "16").output == "2\n")
    }

    @Test func replCallsAPluginLineByLine() throws {
        let run = try CLITests.run(["repl", Self.manifest], input: "add(2, 3)\nmath:gcd(12, 18)\nsha256_hex(\"\")\n")
        #expect(run.status == 0)
        #expect(run.output == "5\n6\n\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n")
    }

    /// The manifest's WASI arguments come first, then the command line's; its environment;
    /// this process's streams; the guest's exit code.
    @Test func runStartsAPluginsMainModule() throws {
        let fixture = CLITests.root.appendingPathComponent("Tests/HearthWASITests/Fixtures/wasi.wasm").path
        let file = try Self.manifest(#"{"modules": {"wasi.wasm": {"wasm": "\#(fixture)"}}, "wasi": {"args": ["prog"], "env": {"A": "1"}}}"#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLITests.run(["run", file.path, "5", "--flag"], input: "stdin")
        #expect(run.status == 5)
        #expect(run.output == "prog\u{0}5\u{0}--flag\u{0}A=1\u{0}stdin")
    }

    @Test func limitsStopCallsWithExit72NamingTheLimit() throws {
        let fuel = try CLITests.hearth("call", Self.errors, "spin", "--fuel", "100000")
        #expect(fuel.status == 72)
        #expect(fuel.error.contains("HEARTH-E701") && fuel.error.contains("--fuel 100000"))
        let time = try CLITests.hearth("call", Self.errors, "spin", "--timeout-ms", "50")
        #expect(time.status == 72)
        #expect(time.error.contains("HEARTH-E702") && time.error.contains("--timeout-ms 50"))
        let memory = try CLITests.hearth("call", Self.errors, "spin", "--memory-limit", "60K")
        #expect(memory.status == 72)
        #expect(memory.error.contains("HEARTH-E704") && memory.error.contains("61440"))
        #expect(try CLITests.hearth("call", Self.errors, "spin", "--memory-limit", "6X").status == 64)
        // On a plugin the options override the manifest's limits.
        let plugin = try CLITests.hearth("call", Self.manifest, "sha256_hex", #""abc""#, "--fuel", "50")
        #expect(plugin.status == 72)
        #expect(plugin.error.contains("--fuel 50"))
        let budget = try CLITests.hearth("call", Self.manifest, "add", "1", "2", "--memory-limit", "64K")
        #expect(budget.status == 72)
        #expect(budget.error.contains("HEARTH-E704"))
    }

    @Test func aManifestsOwnLimitsStopItsCalls() throws {
        let fixture = CLITests.root.appendingPathComponent(Self.errors).path
        let file = try Self.manifest(#"{"modules": {"errors.wasm": {"wasm": "\#(fixture)"}}, "limits": {"timeoutMs": 50}}"#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLITests.hearth("call", file.path, "spin")
        #expect(run.status == 72)
        #expect(run.error.contains("HEARTH-E702") && run.error.contains("limits.timeoutMs"))
    }

    @Test func validateReportsEveryModuleOfAPlugin() throws {
        let run = try CLITests.hearth("validate", "--json", Self.manifest)
        #expect(run.status == 0)
        let report = try JSON.parse(run.output)
        #expect(report["verdict"] == "pass")
        #expect(report["memoryBudget"] == 16_777_216)
        let modules = try #require(report["modules"]?.arrayValue)
        #expect(modules.compactMap { $0["name"]?.stringValue } == ["orchestrator.wasm", "math.wasm", "crypto.wasm", "image.wasm"])
        #expect(modules[0]["bindings"]?.arrayValue?.contains("sha256_hex") == true)
        #expect(modules[0]["tier"] == "optimal")
        #expect(modules[0]["memory"]?["initialPages"] == 2)
        #expect((modules[0]["coldStartMicroseconds"]?["expected"]?.integerValue ?? 0) > 30)
        let text = try CLITests.hearth("validate", Self.manifest)
        #expect(text.output.contains("module math.wasm: 175 bytes"))
        #expect(text.output.hasSuffix("verdict: pass\n"))
    }

    @Test func validateFailsAPluginThatCannotBeDeployed() throws {
        let examples = CLITests.root.appendingPathComponent("examples/multi-module").path
        // Too small a budget for the modules' initial memories.
        let small = try Self.manifest(#"{"mainModule": "math.wasm", "modules": {"math.wasm": {"wasm": "\#(examples)/math.wasm"}}, "limits": {"memoryBytes": 1000}}"#)
        defer { try? FileManager.default.removeItem(at: small.deletingLastPathComponent()) }
        let overBudget = try CLITests.hearth("validate", small.path)
        #expect(overBudget.status == 65)
        #expect(overBudget.output.contains("problem: the modules' initial memories and tables take 65544 bytes, more than limits.memoryBytes (1000)"))
        // The orchestrator without the modules it imports from.
        let alone = try Self.manifest(#"{"modules": {"orchestrator.wasm": {"wasm": "\#(examples)/orchestrator.wasm"}}}"#)
        defer { try? FileManager.default.removeItem(at: alone.deletingLastPathComponent()) }
        let missing = try CLITests.hearth("validate", "--json", alone.path)
        #expect(missing.status == 65)
        let report = try JSON.parse(missing.output)
        #expect(report["verdict"] == "fail")
        // Every import nothing provides, not only the first: one of math, four of crypto, five of image.
        let problems = report["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(problems.count == 10)
        #expect(problems.contains { $0.contains("\"math\".\"add\"") } && problems.contains { $0.contains("\"image\".\"reserve\"") })
    }
}
