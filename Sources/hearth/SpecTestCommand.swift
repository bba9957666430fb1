import ArgumentParser
import Hearth
import SpecTestRunner

struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectest",
        abstract: "Run WebAssembly spec test scripts (JSON from wasm-tools json-from-wast).",
        discussion: """
            Prints one line per script and ends with "N passed, M failed, K skipped". \
            Commands on modules that exist only in the text format are skipped (the runner \
            reads binary modules only); so are commands on modules that use a proposal \
            Hearth does not implement (GC, memory64, relaxed SIMD), counted by proposal, and \
            commands the runner does not know, counted as "unsupported". Exits 1 on any \
            failure, and with --fail-on-skip also on any unsupported command or any module \
            skipped for a proposal not named by --allow-skip.
            Example: hearth spectest --fail-on-skip ../shared/spectest/wasm2
            Example: hearth spectest --fail-on-skip --allow-skip gc --allow-skip memory64 \
            --allow-skip relaxed-simd ../shared/spectest/wasm3
            """
    )

    @Argument(help: "Script files or folders holding them.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print each failed or unsupported command.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only the last line and the scripts that failed or had unsupported commands.")
    var quiet = false

    @Flag(help: "Exit 1 when a command is skipped for any reason but a text-format module or an --allow-skip proposal.")
    var failOnSkip = false

    @Option(name: .customLong("allow-skip"), help: "A proposal whose modules may be skipped with --fail-on-skip: gc, memory64, relaxed-simd, legacy-exceptions or threads.")
    var allowedSkips: [SkippableFeature] = []

    /// The proposals `--allow-skip` names.
    enum SkippableFeature: String, ExpressibleByArgument {
        case gc, memory64, relaxedSIMD = "relaxed-simd", legacyExceptions = "legacy-exceptions", threads

        var feature: WasmFeature {
            switch self {
            case .gc: .gc
            case .memory64: .memory64
            case .relaxedSIMD: .relaxedSIMD
            case .legacyExceptions: .legacyExceptions
            case .threads: .threads
            }
        }
    }

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
        let allowed = Set(allowedSkips.map(\.feature))
        let refusedSkips = total.skippedUnsupported + total.skippedFeatures.filter { !allowed.contains($0.key) }.values.reduce(0, +)
        if total.failed > 0 || (failOnSkip && refusedSkips > 0) { throw ExitStatus.testsFailed }
    }
}
