import ArgumentParser
import SpecTestRunner

struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectest",
        abstract: "Run WebAssembly spec test scripts (JSON from wasm-tools json-from-wast).",
        discussion: """
            Prints one line per script and ends with "N passed, M failed, K skipped". \
            Text-format modules and SIMD scripts are skipped and counted. Exits 1 on any failure.
            Example: hearth spectest ../shared/spectest/wasm2
            """
    )

    @Argument(help: "Script files or folders holding them.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print each failed command.")
    var verbose = false

    func run() throws {
        var total = SpecTestRunner.Tally()
        let runner = SpecTestRunner()
        for path in paths {
            let scripts = SpecTestRunner.scripts(at: path)
            if scripts.isEmpty { throw ArgumentParser.ValidationError("no spec test scripts at \(path)") }
            for script in scripts {
                let result = runner.run(script: script)
                total += result.tally
                print("\(script): \(result.tally.summary)")
                if verbose { for failure in result.failures { print("  " + failure) } }
            }
        }
        print(total.summary)
        if total.failed > 0 { throw ExitStatus.testsFailed }
    }
}
