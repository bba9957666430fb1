import ArgumentParser
import Hearth

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Decode and validate a module completely; print OK or the first error.",
        discussion: "Every function body is validated and translated up front (eager mode)."
    )

    @Argument(help: "The .wasm module.")
    var file: String

    func run() throws {
        do {
            let bytes = try readModuleBytes(file)
            let module = try Module(bytes: bytes)
            print("OK: \(file) (\(bytes.count) bytes, \(module.binary.functions.count) functions)")
        } catch {
            throw report(error)
        }
    }
}
