import Foundation
import Testing

/// The Zig examples from the command line, exactly as the Rust ones are used.
@Suite struct ZigExampleCLITests {
    @Test func callGreetsTheWorld() throws {
        let run = try CLITests.hearth("call", "examples/zig/greet/greet.wasm", "greet", "\"World\"")
        #expect(run.status == 0)
        #expect(run.output == "\"Hello, World!\"\n")
    }

    @Test func theCalculatorWorksInTheREPL() throws {
        let run = try CLITests.run(["repl", "examples/zig/calculator/calculator.wasm"],
                                   input: "let c = Calculator.new(10)\nc.add(5)\nc.value()\n")
        #expect(run.status == 0)
        #expect(run.output.contains("15\n15"), "\(run.output)")
    }

    @Test func anErrorResultExitsWithTheGuestsMessage() throws {
        let run = try CLITests.hearth("call", "examples/zig/result/result.wasm", "parse_positive", "\"-3\"")
        #expect(run.status != 0)
        #expect(run.error.contains("-3 is not positive in parse_positive"), "\(run.error)")
    }

    @Test func theWASICommandReadsAFileFromAPreopenedDirectory() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-zig-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try Data("read through WASI\n".utf8).write(to: scratch.appendingPathComponent("note.txt"))
        let run = try CLITests.hearth("run", "examples/zig/wasi_read/wasi_read.wasm", "--dir", scratch.path, "--", "note.txt")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == "read through WASI\n")
        let missing = try CLITests.hearth("run", "examples/zig/wasi_read/wasi_read.wasm")
        #expect(missing.status == 1)
        #expect(missing.error.contains("no pre-opened directory"))
    }
}
