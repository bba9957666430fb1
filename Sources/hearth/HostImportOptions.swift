import ArgumentParser
import Foundation
import Hearth

/// `--import NAME=JSON`: stand-ins for the host functions a guest declares, so a guest with
/// imports can be tried from the command line. Each call is logged to standard error.
struct HostImportOptions: ParsableArguments {
    @Option(name: .customLong("import"), help: ArgumentHelp(
        "A host function the guest imports, as NAME=JSON: it returns that JSON value. "
            + "Imports without a result need no value (NAME alone); each call is logged to standard error.",
        valueName: "name=json"))
    var imports: [String] = []

    /// Host functions for every import the guest declares: those given, and for the rest a
    /// logger that returns null (enough for imports without a result).
    func hostImports(for bindings: Bindings) throws -> [String: HostImport] {
        var results: [String: JSON] = [:]
        for option in imports {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            do {
                results[parts[0]] = parts.count == 2 ? try JSON.parse(parts[1]) : .null
            } catch {
                throw ValidationError("--import \(option): the value is not JSON (\(error.message))")
            }
        }
        var functions: [String: HostImport] = [:]
        for bound in bindings.imports {
            let result = results[bound.name] ?? .null
            functions[bound.name] = { arguments in
                FileHandle.standardError.write(Data("host \(bound.name)(\(arguments.map { $0.serialized() }.joined(separator: ", ")))\n".utf8))
                return result
            }
        }
        return functions
    }
}
