import Foundation
import Testing

/// The C examples on the command line, called exactly as the Rust ones are (issue 16's
/// "done when": the same `hearth call` and REPL session in every language).
@Suite struct CExamplesCLITests {
    @Test func callAndReplWorkAsForRust() throws {
        let greet = try CLITests.hearth("call", "examples/c/greet/greet.wasm", "greet", "\"World\"")
        #expect(greet.status == 0)
        #expect(greet.output == "\"Hello, World!\"\n")
        let session = try CLITests.run(["repl", "examples/c/calculator/calculator.wasm"],
                                       input: "let c = Calculator.new(10)\nc.add(5)\nc.value()\nc.free()\n")
        #expect(session.status == 0)
        #expect(session.output.split(separator: "\n").dropFirst() == ["15", "15", "null"])
        let failure = try CLITests.hearth("call", "examples/c/result/result.wasm", "checked_div", "7", "0")
        #expect(failure.status != 0)
        #expect(failure.error.contains("HEARTH-E402") && failure.error.contains("division by zero in checked_div"))
    }

    @Test func theWASICommandReadsAPreopenedDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-c-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "from the host\n".write(to: directory.appendingPathComponent("hello.txt"), atomically: true, encoding: .utf8)
        let run = try CLITests.hearth("run", "--dir-ro", "\(directory.path)::/data", "examples/c/wasi_read/wasi_read.wasm", "/data/hello.txt")
        #expect(run.status == 0)
        #expect(run.output == "from the host\n")
    }
}
