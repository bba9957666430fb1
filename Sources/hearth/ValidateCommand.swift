import ArgumentParser
import Hearth

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a module, or a plugin's modules, completely and rate it for deployment.",
        discussion: """
            Every function body is validated and translated up front (eager mode). Prints each \
            module's size and deployment tier (optimal < 100 KB, good < 500 KB, acceptable < \
            2 MB, monitor < 10 MB, warning up to 25 MB, rejected above), its memory (initial and \
            maximum pages, data, table elements), its imports, the functions it binds for JSON \
            calls, and an estimated cold start (from Hearth's measured cost per byte; the range is \
            what real modules showed). For a plugin manifest (.json), also the modules' initial \
            memory against limits.memoryBytes and any import nothing provides. Exits 0 when it \
            can be deployed, 65 when it cannot (invalid, rejected by size, over the budget, an \
            import missing); --strict makes a warning fail too. --json prints one object: \
            {"verdict": "pass"|"warn"|"fail", "modules": [...]}.
            """
    )

    @Argument(help: "The .wasm module, or a plugin manifest (.json).")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Fail (exit 65) on a warning too.")
    var strict = false

    func run() throws {
        let deployment: DeploymentReport
        do {
            if PluginLoading.isManifest(file) {
                deployment = DeploymentReport(manifest: try PluginManifest(contentsOf: file))
            } else {
                let bytes = try readModuleBytes(file)
                deployment = DeploymentReport(name: file, bytes: bytes.count, module: try Module(bytes: bytes))
            }
        } catch {
            if json, let error = error as? any HearthError, error.kind != .unreadableFile, error.kind != .invalidManifest {
                print(JSON.object(["verdict": "fail", "modules": [["name": .string(file), "error": .string("\(error)")]]]).serialized())
                throw ExitStatus.invalidModule
            }
            throw report(error)
        }
        if json {
            print(deployment.json.serialized())
        } else {
            printText(deployment)
        }
        if deployment.verdict == "fail" || (strict && deployment.verdict == "warn") { throw ExitStatus.invalidModule }
    }

    private func printText(_ report: DeploymentReport) {
        let single = report.memoryBudget == nil
        for module in report.modules {
            let indent = single ? "" : "  "
            if single {
                print("OK: \(file) (\(module.bytes) bytes, \(module.functions) functions)")
            } else {
                print("module \(module.name): \(module.bytes) bytes, \(module.functions) functions")
            }
            print(indent + "tier: \(module.tier.rawValue)")
            let maximum = module.maximumPages.map { "at most \($0)" } ?? "no maximum"
            print(indent + "memory: \(module.initialPages) page\(module.initialPages == 1 ? "" : "s") initially, \(maximum); "
                + "\(module.dataBytes) bytes of data; \(module.tableElements) table element\(module.tableElements == 1 ? "" : "s")")
            print(indent + "imports: \(module.imports.isEmpty ? "none" : module.imports.joined(separator: ", "))")
            if !module.bindings.isEmpty { print(indent + "bindings: \(module.bindings.joined(separator: ", "))") }
            let estimate = module.coldStart
            print(indent + "cold start: about \(duration(estimate.expectedMicroseconds)) "
                + "(\(duration(estimate.lowMicroseconds))–\(duration(estimate.highMicroseconds)))")
        }
        if let budget = report.memoryBudget {
            let initial = report.modules.reduce(0) { $0 + $1.initialMemoryBytes }
            print("memory: \(initial) bytes initially, of a budget of \(budget)")
        }
        for problem in report.problems { print("problem: \(problem)") }
        for warning in report.warnings { print("warning: \(warning)") }
        print("verdict: \(report.verdict)")
    }

    /// `microseconds` as µs below a millisecond, ms above.
    private func duration(_ microseconds: Double) -> String {
        microseconds < 1000 ? "\(Int(microseconds.rounded())) µs" : "\(Int((microseconds / 1000).rounded())) ms"
    }
}
