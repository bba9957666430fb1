import ArgumentParser
import SpecTestRunner

struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectest",
        abstract: "Run WebAssembly spec test scripts (JSON from wasm-tools json-from-wast).",
        discussion: """
            Prints one line per script and ends with "N passed, M failed, K skipped". \
            Commands on modules that exist only in the text format are skipped (the runner \
            reads binary modules only); commands the runner does not know are skipped too, \
            and counted as "unsupported" in the last line. Exits 1 on any failure, and with \
            --fail-on-skip also on any unsupported command.
            Example: hearth spectest --fail-on-skip ../shared/spectest/wasm2
            """
    )

    @Argument(help: "Script files or folders holding them.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print each failed or unsupported command.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only the last line and the scripts that failed or had unsupported commands.")
    var quiet = false

    @Flag(help: "Exit 1 when a command is skipped for any reason but a text-format module.")
    var failOnSkip = false

    func run() throws {
        var total = SpecTestRunner.Tally()
        let runner = SpecTestRunner()
        for path in paths {
            let scripts = SpecTestRunner.scripts(at: path)
            if scripts.isEmpty { throw ValidationError("no spec test scripts at \(path)") }
            for script in scripts {
                let result = runner.run(script: script)
                total += result.tally
                let isClean = result.tally.failed == 0 && result.tally.skippedUnsupported == 0
                if !quiet || !isClean { print("\(script): \(result.tally.summary)") }
                if verbose || quiet {
                    for line in result.failures + result.unsupported { print("  " + line) }
                }
            }
        }
        print(total.summary)
        if total.failed > 0 || (failOnSkip && total.skippedUnsupported > 0) { throw ExitStatus.testsFailed }
    }
}
