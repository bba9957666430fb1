import Foundation
import JSON
import Testing

/// Runs the built `hearth` executable the way a user does.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func hearth(_ arguments: String...) throws -> Run {
        try run(arguments, input: nil)
    }

    static func run(_ arguments: [String], input: String?) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// The `hearth` built with these tests: next to the test binary, or in .build/debug.
    static let executable: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hearth")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return root.appendingPathComponent(".build/debug/hearth")
    }()

    @Test func callPrintsResultsOnePerLine() throws {
        let run = try Self.hearth("call", "examples/c/math.wasm", "fib", "50")
        #expect(run.status == 0)
        #expect(run.output == "12586269025\n")
    }

    /// The Hearth side of Tests/differential: calls by export index on one instance, values
    /// as bit patterns, then the exported state.
    @Test func differentialPrintsResultsTrapsAndFinalStateAsJSONLines() throws {
        let calls = "[1, \"0x2\", \"0xfffffffd\"]\n[4, \"0x1\", \"0x0\"]\n[5, \"0x4008000000000000\", \"0x4010000000000000\"]\n"
        let run = try Self.run(["differential", "examples/c/math.wasm"], input: calls)
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        guard lines.count == 6 else { return }
        #expect(lines[0] == #"{"load":"ok"}"# && lines[1] == #"{"instantiate":"ok"}"#)
        #expect(lines[2] == #"{"results":["i32:0xffffffff"]}"#, "add(2, -3)")
        #expect(lines[3].hasPrefix(#"{"trap":"HEARTH-E202"#), "divide(1, 0)")
        #expect(lines[4] == #"{"results":["f64:0x4014000000000000"]}"#, "hypot(3, 4) = 5")
        #expect(lines[5].hasPrefix(#"{"memories":{"0":"3:"#))
        // Compiled with limit checks (none set), the same calls give the same lines; only the
        // trap's offset in the threaded code moves (a check comes first).
        let checked = try Self.run(["differential", "examples/c/math.wasm", "--checked"], input: calls)
        let withoutOffsets = { (text: String) in text.replacing(#/ at code offset \d+/#, with: "") }
        #expect(checked.status == 0 && withoutOffsets(checked.output) == withoutOffsets(run.output))
        let invalid = try Self.run(["differential", "Tests/HearthCLITests/Fixtures/errors.wat"], input: "")
        #expect(invalid.output.hasPrefix(#"{"load":"invalid","error":"HEARTH-E1"#), "\(invalid.output)")
    }

    @Test func callParsesFloatsAndNegativeIntegers() throws {
        #expect(try Self.hearth("call", "examples/c/math.wasm", "hypot", "3", "4").output == "5.0\n")
        #expect(try Self.hearth("call", "examples/c/math.wasm", "add", "-2", "0x10").output == "14\n")
    }

    @Test func aTrapExitsWith70AndNamesTheFunction() throws {
        let run = try Self.hearth("call", "examples/c/math.wasm", "divide", "1", "0")
        #expect(run.status == 70)
        #expect(run.error.contains("integer divide by zero in function 3 (divide)"))
    }

    @Test func badArgumentsExitWith64() throws {
        #expect(try Self.hearth("call", "examples/c/math.wasm", "add", "1").status == 64)
        #expect(try Self.hearth("call", "examples/c/math.wasm", "add", "1", "x").status == 64)
        let missing = try Self.hearth("call", "examples/c/math.wasm", "nope")
        #expect(missing.status == 64)
        #expect(missing.error.contains("exported functions: add"))
    }

    @Test func invalidModulesExitWith65WithTheOffset() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-bad.wasm")
        try Data([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05]).write(to: file)
        let run = try Self.hearth("validate", file.path)
        #expect(run.status == 65)
        #expect(run.error.contains("HEARTH-E101") && run.error.contains("offset"))
    }

    @Test func missingFilesExitWith66() throws {
        #expect(try Self.hearth("validate", "/nonexistent.wasm").status == 66)
    }

    /// `hearth run` gives the guest its arguments, only the --env variables and this process's
    /// streams, and exits with the guest's code.
    @Test func runPassesArgumentsEnvironmentAndStreamsAndTheExitCode() throws {
        let fixture = "Tests/HearthWASITests/Fixtures/wasi.wasm"
        let run = try Self.run(["run", "--env", "A=1", fixture, "5", "--flag"], input: "stdin")
        #expect(run.status == 5)
        #expect(run.output == "\(fixture)\05\0--flag\0A=1\0stdin")
        #expect(run.error == "err")
        let noStart = try Self.hearth("run", "Tests/WasmEngineTests/Fixtures/traps.wasm")
        #expect(noStart.status == 67 && noStart.error.contains("_start"))
        #expect(try Self.hearth("run", "--env", "=x", fixture).status == 64)
    }

    /// `--dir` and `--dir-ro` pre-open directories (here the official testsuite's C programs
    /// on a copy of their folder); one that does not exist exits 66 before the guest runs.
    @Test func runPreopensDirectoriesReadWriteOrReadOnly() throws {
        let suite = Self.root.deletingLastPathComponent().appendingPathComponent("shared/wasi-testsuite/c")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("writeable"), withIntermediateDirectories: true)
        try Data("0123456789".utf8).write(to: scratch.appendingPathComponent("file"))
        let reader = suite.appendingPathComponent("fopen-with-access.wasm").path
        let writer = suite.appendingPathComponent("pwrite-with-access.wasm").path
        #expect(try Self.hearth("run", reader, "--dir", "\(scratch.path)::/").status == 0)
        #expect(try Self.hearth("run", reader, "--dir-ro", "\(scratch.path)::/").status == 0, "reading is allowed")
        #expect(try Self.hearth("run", writer, "--dir", "\(scratch.path)::/").status == 0)
        #expect(try Self.hearth("run", writer, "--dir-ro", "\(scratch.path)::/").status == 70, "its assert fails: the write is refused")
        #expect(try Self.hearth("run", reader).status == 70, "no directory, no file")
        let missing = try Self.hearth("run", reader, "--dir", "/nonexistent-hearth-dir::/")
        #expect(missing.status == 66 && missing.error.contains("HEARTH-E501") && missing.error.contains("/nonexistent-hearth-dir"))
        #expect(try Self.hearth("run", reader, "--dir", "::/").status == 64)
    }

    /// Options after the module are hearth's; after `--`, everything is the guest's.
    @Test func runTakesOptionsAfterTheModuleAndGuestArgumentsAfterTheTerminator() throws {
        let fixture = "Tests/HearthWASITests/Fixtures/wasi.wasm"
        let run = try Self.run(["run", fixture, "--env", "A=1", "--", "2", "--env", "B=2"], input: "")
        #expect(run.status == 2)
        #expect(run.output == "\(fixture)\02\0--env\0B=2\0A=1\0")
        let inherited = try Self.run(["run", fixture, "--inherit-env", "--env", "HEARTH_TEST=x"], input: "")
        #expect(inherited.output.contains("PATH=") && inherited.output.contains("HEARTH_TEST=x"))
    }

    /// `hearth call` on a WASI reactor runs its `_initialize` first, with the process's streams.
    @Test func callInitializesAWASIReactor() throws {
        let run = try Self.hearth("call", "Tests/HearthWASITests/Fixtures/reactor.wasm", "next")
        #expect(run.status == 0)
        #expect(run.output == "initialized\n42\n")
    }

    @Test func validatePrintsOK() throws {
        let run = try Self.hearth("validate", "examples/c/math.wasm")
        #expect(run.status == 0 && run.output.hasPrefix("OK"))
        #expect(run.output.contains("tier: optimal\n"))
        #expect(run.output.contains("verdict: pass\n"))
    }

    /// Deployment tiers: a 2.5 MB Go module is "monitor" (a pass); --json gives the verdict
    /// and each module's size, tier, memory and imports.
    @Test func validateRatesModulesForDeployment() throws {
        let run = try Self.hearth("validate", "--json", "examples/go/greet/greet.wasm")
        #expect(run.status == 0)
        let report = try JSON.parse(run.output)
        #expect(report["verdict"] == "pass")
        #expect(report["modules"]?[0]?["tier"] == "monitor")
        #expect(report["modules"]?[0]?["bytes"] == 2_481_720)
        #expect(report["modules"]?[0]?["imports"]?.arrayValue?.contains("wasi_snapshot_preview1.fd_write") == true)
        let invalid = try Self.hearth("validate", "--json", "Tests/HearthCLITests/Fixtures/imports.wat")
        #expect(invalid.status == 65)
        #expect(try JSON.parse(invalid.output)["verdict"] == "fail")
    }

    @Test func inspectListsExportsWithSignatures() throws {
        let run = try Self.hearth("inspect", "examples/c/math.wasm")
        #expect(run.output.contains("func fib: (i32) -> (i64)"))
        let json = try Self.hearth("inspect", "--json", "examples/c/math.wasm")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["exports"] as? [Any])?.count == 7)
    }

    @Test func spectestEndsWithTheSummaryLine() throws {
        let run = try Self.hearth("spectest", "../shared/spectest/wasm2/i32")
        #expect(run.status == 0)
        #expect(run.output.hasSuffix("458 passed, 0 failed, 2 skipped\n"))
        let quiet = try Self.hearth("spectest", "--quiet", "--fail-on-skip", "../shared/spectest/wasm2/i32")
        #expect(quiet.status == 0)
        #expect(quiet.output == "458 passed, 0 failed, 2 skipped\n")
    }

    /// `make test` relies on these exit codes: no scripts, a failed command, and with
    /// `--fail-on-skip` a command skipped for another reason than a text-format module.
    @Test func spectestFailsOnFailuresUnsupportedCommandsAndMissingScripts() throws {
        #expect(try Self.hearth("spectest", "../shared/spectest/nonexistent").status != 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-spectest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unsupported = directory.appendingPathComponent("unsupported.json")
        try Data(#"{"commands": [{"type": "thread", "line": 3, "name": "T"}]}"#.utf8).write(to: unsupported)
        let failing = directory.appendingPathComponent("failing.json")
        try Data(#"{"commands": [{"type": "register", "line": 4, "as": "m"}]}"#.utf8).write(to: failing)

        let allowed = try Self.hearth("spectest", unsupported.path)
        #expect(allowed.status == 0)
        #expect(allowed.output.hasSuffix("0 passed, 0 failed, 1 skipped (1 unsupported)\n"))
        let refused = try Self.hearth("spectest", "--quiet", "--fail-on-skip", unsupported.path)
        #expect(refused.status == 1)
        #expect(refused.output.contains("line 3: thread: unsupported command"))
        let failed = try Self.hearth("spectest", "--quiet", failing.path)
        #expect(failed.status == 1)
        #expect(failed.output.contains("line 4: register: nothing to register"))
    }
}

/// The CLI on wasm-bindgen modules: JSON in and out, and the repl.
@Suite struct BindgenCLITests {
    static func hearth(_ arguments: String..., input: String? = nil) throws -> CLITests.Run {
        try CLITests.run(arguments, input: input)
    }

    @Test func callTakesJSONAndPrintsJSON() throws {
        let run = try Self.hearth("call", "examples/rust/greet/greet.wasm", "greet", "\"World\"")
        #expect(run.status == 0)
        #expect(run.output == "\"Hello, World!\"\n")
        #expect(try Self.hearth("call", "examples/rust/bytes/bytes.wasm", "reverse_bytes", "[1,2,3]").output == "[3,2,1]\n")
    }

    /// An AssemblyScript module: JSON in and out, types from the sidecar next to it; an abort
    /// is a guest error (exit 71); a missing sidecar is named.
    @Test func callTakesJSONForAssemblyScriptModules() throws {
        let module = "Tests/BridgeTests/Fixtures/assemblyscript.wasm"
        #expect(try Self.hearth("call", module, "greet", "\"World\"").output == "\"Hello, World!\"\n")
        #expect(try Self.hearth("call", module, "sumArray", "[1,2,3]").output == "6\n")
        let repl = try CLITests.run(["repl", module], input: "greet(\"AS\")\nrange(3)\n")
        #expect(repl.output == "\"Hello, AS!\"\n[0,1,2]\n")
        let abort = try Self.hearth("call", module, "fail")
        #expect(abort.status == 71)
        #expect(abort.error.contains("abort: boom at assembly/index.ts:12:5"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-as-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let alone = directory.appendingPathComponent("alone.wasm")
        try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent(module), to: alone)
        let missing = try Self.hearth("call", alone.path, "greet", "\"World\"")
        #expect(missing.status != 0)
        #expect(missing.error.contains("alone.as.json"))
    }

    /// Integer arguments and results at the edges of each width, as a user types them.
    @Test(arguments: [
        ("add_u64", "18446744073709551614", "18446744073709551615"),
        ("add_u64", "9223372036854775807", "9223372036854775808"),
        ("add_i64", "9223372036854775807", "-9223372036854775808"),
        ("add_u32", "4294967294", "4294967295"),
        ("add_i32", "2147483647", "-2147483648"),
        ("add_u8", "254", "255"),
        ("add_i8", "127", "-128"),
    ])
    func integerEdgesCrossTheCommandLineExactly(export: String, argument: String, result: String) throws {
        let run = try Self.hearth("call", "examples/rust/scalars/scalars.wasm", export, argument, "1")
        #expect(run.status == 0 && run.output == result + "\n", "\(run.error)")
    }

    /// Past the parameter's width is the bridge's refusal (E401); past 2^64 - 1 the text is
    /// not even a JSON integer Hearth holds exactly (E301). Both exit 64.
    @Test func integersPastAWidthAreRefused() throws {
        for (export, argument, code) in [("add_u64", "18446744073709551616", "HEARTH-E301"), ("add_u64", "-1", "HEARTH-E401"),
                                         ("add_i64", "9223372036854775808", "HEARTH-E401"), ("add_u8", "256", "HEARTH-E401"),
                                         ("add_i32", "2147483648", "HEARTH-E401")] {
            let run = try Self.hearth("call", "examples/rust/scalars/scalars.wasm", export, argument, "0")
            #expect(run.status == 64 && run.error.contains(code), "\(export) \(argument): \(run.output) \(run.error)")
        }
    }

    @Test func callConstructsClassesAndRunsPlainRustExports() throws {
        let constructed = try Self.hearth("call", "examples/rust/calculator/calculator.wasm", "Calculator.new", "10")
        #expect(constructed.status == 0 && constructed.output.hasPrefix("{\"class\":\"Calculator\""))
        #expect(try Self.hearth("call", "examples/rust/add/add.wasm", "add", "2", "3").output == "5\n")
    }

    @Test func hostImportsCanBeStoodInForFromTheCommandLine() throws {
        let logged = try Self.hearth("call", "examples/rust/host_import/host_import.wasm", "log_greeting", "\"Ann\"")
        #expect(logged.status == 0 && logged.output == "11\n")
        #expect(logged.error.contains("host host_log(\"Hello, Ann!\")"))
        let looked = try Self.hearth("call", "--import", "host_lookup=\"found\"",
                                     "examples/rust/host_import/host_import.wasm", "lookup_or", "\"k\"", "\"fallback\"")
        #expect(looked.output == "\"found\"\n")
    }

    @Test func guestErrorsExitWith71AndNonJSONArgumentsWith64() throws {
        let failed = try Self.hearth("call", "examples/rust/result/result.wasm", "parse_positive", "\"-1\"")
        #expect(failed.status == 71)
        #expect(failed.error.contains("-1 is not positive"))
        let unquoted = try Self.hearth("call", "examples/rust/greet/greet.wasm", "greet", "World")
        #expect(unquoted.status == 64)
        #expect(unquoted.error.contains("strings need quotes"))
        #expect(unquoted.error.contains("HEARTH-E301") && unquoted.error.contains("at line 1, column 1"),
                "a JSON error keeps its code and place: \(unquoted.error)")
    }

    @Test func replRunsPipedSessions() throws {
        let run = try Self.hearth("repl", "examples/rust/calculator/calculator.wasm",
                                  input: "let c = Calculator.new(10)\nc.add(5)\nc.value()\nc.free()\n")
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.dropFirst() == ["15", "15", "null"])
    }

    @Test func replReportsErrorsAndGoesOn() throws {
        let run = try Self.hearth("repl", "examples/rust/greet/greet.wasm", input: "greet(1)\ngreet(\"A\")\n")
        #expect(run.status == 1)
        #expect(run.output.contains("error: HEARTH-E401"))
        #expect(run.output.hasSuffix("\"Hello, A!\"\n"))
    }

    @Test func inspectShowsTheBindings() throws {
        let run = try Self.hearth("inspect", "examples/rust/calculator/calculator.wasm")
        #expect(run.output.contains("class Calculator {\n    constructor(initial: i32)"))
    }
}
