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
        let results = try values()
        var functions: [String: HostImport] = [:]
        for bound in bindings.imports { functions[bound.name] = Self.logging(bound.name, returning: results[bound.name] ?? .null) }
        return functions
    }

    /// Host functions for the imports given, by name (a plugin's modules find theirs by name;
    /// one nobody gave is an error naming it).
    func given() throws -> [String: HostImport] {
        try values().reduce(into: [:]) { functions, entry in functions[entry.key] = Self.logging(entry.key, returning: entry.value) }
    }

    /// The value each given import returns.
    private func values() throws -> [String: JSON] {
        var results: [String: JSON] = [:]
        for option in imports {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            do {
                results[parts[0]] = parts.count == 2 ? try JSON.parse(parts[1]) : .null
            } catch {
                throw ValidationError("--import \(option): the value is not JSON (\(error.message))")
            }
        }
        return results
    }

    /// A host function that logs its calls to standard error and returns `result`.
    private static func logging(_ name: String, returning result: JSON) -> HostImport {
        { arguments in
            FileHandle.standardError.write(Data("host \(name)(\(arguments.map { $0.serialized() }.joined(separator: ", ")))\n".utf8))
            return result
        }
    }
}
