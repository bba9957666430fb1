import Testing

/// The Go examples from the command line, as a user runs them (guest-abi/go/README.md).
@Suite struct GoCLITests {
    @Test func callAndReplWorkAsForRust() throws {
        let greet = try CLITests.run(["call", "examples/go/greet/greet.wasm", "greet", "\"World\""], input: nil)
        #expect(greet.status == 0)
        #expect(greet.output == "\"Hello, World!\"\n")
        let repl = try CLITests.run(["repl", "examples/go/calculator/calculator.wasm"],
                                    input: "let c = Calculator.new(10)\nc.add(5)\nc.value()\nc.free()\n")
        #expect(repl.status == 0)
        #expect(repl.output.split(separator: "\n").dropFirst() == ["15", "15", "null"])
        let failing = try CLITests.run(["call", "examples/go/result/result.wasm", "checked_div", "7", "0"], input: nil)
        #expect(failing.status != 0)
        #expect(failing.error.contains("division by zero in checked_div"))
    }

    @Test func aGoCommandReadsAPreopenedDirectory() throws {
        let run = try CLITests.run(["run", "examples/go/wasi_read/wasi_read.wasm", "--dir", "examples/go/wasi_read::/data",
                                    "--", "/data/input.txt"], input: nil)
        #expect(run.status == 0)
        #expect(run.output == "35 bytes: Hello from a pre-opened directory.\n")
    }
}
