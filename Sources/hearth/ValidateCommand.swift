import ArgumentParser
import Hearth

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a module completely and rate it for deployment.",
        discussion: """
            Every function body is validated and translated up front (eager mode). Prints the \
            module's size and deployment tier (optimal < 100 KB, good < 500 KB, acceptable < \
            2 MB, monitor < 10 MB, warning up to 25 MB, rejected above), its memory (initial and \
            maximum pages) and its imports. Exits 0 when it can be deployed, 65 when it cannot \
            (invalid, or rejected by size); --strict makes a warning fail too. --json prints one \
            object: {"verdict": "pass"|"warn"|"fail", "modules": [...]}.
            """
    )

    @Argument(help: "The .wasm module.")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Fail (exit 65) on a warning too.")
    var strict = false

    func run() throws {
        let bytes: [UInt8]
        let module: Module
        do {
            bytes = try readModuleBytes(file)
            module = try Module(bytes: bytes)
        } catch {
            if json, let error = error as? any HearthError, error.kind != .unreadableFile {
                print(JSON.object(["verdict": "fail", "modules": [["name": .string(file), "error": .string("\(error)")]]]).serialized())
                throw ExitStatus.invalidModule
            }
            throw report(error)
        }
        let tier = DeploymentTier.of(size: bytes.count)
        let verdict = tier.verdict
        let memory = module.binary.importedMemories.first ?? module.binary.memories.first
        let imports = module.imports.map { "\($0.module).\($0.name)" }
        if json {
            var entry: JSONObject = [
                "name": .string(file), "bytes": JSON(bytes.count), "tier": .string(tier.rawValue),
                "functions": JSON(module.binary.functions.count),
                "imports": .array(imports.map { .string($0) }),
            ]
            if let memory {
                entry["memory"] = ["initialPages": JSON(memory.limits.min), "maximumPages": memory.limits.max.map { JSON($0) } ?? .null]
            }
            print(JSON.object(["verdict": .string(verdict), "modules": [.object(entry)]]).serialized())
        } else {
            print("OK: \(file) (\(bytes.count) bytes, \(module.binary.functions.count) functions)")
            print("tier: \(tier.rawValue)")
            if let memory { print("memory: \(memory.limits.min) pages initially, \(memory.limits.max.map { "at most \($0)" } ?? "no maximum")") }
            print("imports: \(imports.isEmpty ? "none" : imports.joined(separator: ", "))")
            print("verdict: \(verdict)")
        }
        if verdict == "fail" || (strict && verdict == "warn") { throw ExitStatus.invalidModule }
    }
}
