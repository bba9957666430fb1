import ArgumentParser
import Foundation
import Hearth

/// What a WASI guest may see, from the command line: `hearth run` and `hearth call`.
struct WASIOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: ArgumentHelp(
        "A host directory the guest may read and write, seen as GUEST (by default the same path).",
        valueName: "host[::guest]"))
    var directories: [String] = []

    @Option(name: .customLong("dir-ro"), help: ArgumentHelp(
        "A host directory the guest may only read, seen as GUEST.", valueName: "host[::guest]"))
    var readOnlyDirectories: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp("An environment variable for the guest.", valueName: "name=value"))
    var environment: [String] = []

    @Flag(name: .customLong("inherit-env"), help: "Give the guest this process's environment (before any --env).")
    var inheritEnvironment = false

    /// Whether no option was given.
    var isEmpty: Bool {
        directories.isEmpty && readOnlyDirectories.isEmpty && environment.isEmpty && !inheritEnvironment
    }

    /// Refuses the options for a plugin, whose WASI its manifest describes.
    func refuseForManifest() throws {
        guard isEmpty else {
            throw ValidationError("--dir, --dir-ro, --env and --inherit-env apply to a module; a plugin's WASI is its manifest's \"wasi\"")
        }
    }

    /// The guest's WASI with `arguments` and this process's standard streams.
    func configuration(arguments: [String]) throws -> WASIConfiguration {
        WASIConfiguration(
            arguments: arguments, environment: try variables(),
            preopenedDirectories: try Self.directories(directories, readOnly: false)
                + Self.directories(readOnlyDirectories, readOnly: true),
            standardInput: .inherit, standardOutput: .inherit, standardError: .inherit)
    }

    /// The guest's environment: this process's with --inherit-env, then each --env.
    private func variables() throws -> [(name: String, value: String)] {
        var variables: [(name: String, value: String)] = []
        if inheritEnvironment {
            variables = ProcessInfo.processInfo.environment.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        for entry in environment {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ValidationError("--env \(entry): expected NAME=value")
            }
            let name = String(entry[..<equals])
            variables.removeAll { $0.name == name }
            variables.append((name, String(entry[entry.index(after: equals)...])))
        }
        return variables
    }

    /// `HOST` or `HOST::GUEST` options as pre-opened directories.
    private static func directories(_ options: [String], readOnly: Bool) throws -> [PreopenedDirectory] {
        try options.map { option in
            let parts = option.components(separatedBy: "::")
            guard parts.count <= 2, !parts[0].isEmpty, parts.last?.isEmpty == false else {
                throw ValidationError("--dir\(readOnly ? "-ro" : "") \(option): expected HOST or HOST::GUEST")
            }
            return PreopenedDirectory(hostPath: parts[0], guestPath: parts.count == 2 ? parts[1] : nil, readOnly: readOnly)
        }
    }
}
