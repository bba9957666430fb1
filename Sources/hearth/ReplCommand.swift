import ArgumentParser
import Foundation
import Hearth

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Call a wasm-bindgen (or AssemblyScript) module interactively, one call per line.",
        discussion: """
            Each line is a call with JSON arguments; its result is printed as JSON:
              greet("World")
              let c = Calculator.new(10)
              c.add(5)
              c.free()
            Works interactively and with input piped in. An error is printed and the session \
            goes on; the exit code is 1 if any line failed. A guest that imports WASI (Go, \
            wasi-libc) gets the options below and this process's output, and no input. An \
            AssemblyScript module takes its \
            exports' types from NAME.as.json next to it (functions only).
            A plugin manifest (.json) in place of the module calls its main module's functions, \
            and other modules' as MODULE:EXPORT(...), each call under the manifest's limits.
            --fuel and --timeout-ms bound each call (overriding a manifest's), --memory-limit the \
            guest's memories.
            """
    )

    @Argument(help: "The wasm-bindgen or AssemblyScript .wasm module, or a plugin manifest (.json).")
    var file: String

    @OptionGroup var hostImports: HostImportOptions

    @OptionGroup var wasiOptions: WASIOptions

    @OptionGroup var limits: LimitOptions

    func run() throws {
        var session: ReplSession
        // A module's store, whose limits each line gets afresh (a plugin applies its own).
        var store: Store?
        do {
            if PluginLoading.isManifest(file) {
                try wasiOptions.refuseForManifest()
                let plugin = try PluginLoading.plugin(file, limits: limits, hostImports: try hostImports.given())
                session = ReplSession(plugin: try limits.namingOptions { try plugin.instantiate() })
            } else {
                (session, store) = try moduleSession()
            }
        } catch {
            throw report(error)
        }
        try loop(&session, store: store)
    }

    /// A session of the module `file`, and its store.
    private func moduleSession() throws -> (ReplSession, Store) {
        let module = try Module(bytes: try readModuleBytes(file), engine: limits.engine)
        let moduleStore = limits.store(for: module)
        if AssemblyScriptGuest.isAssemblyScript(module) {
            let guest = try limits.withLimits(on: moduleStore) { try AssemblyScriptLoading.guest(module, file: file, store: moduleStore) }
            return (ReplSession(assemblyScript: guest), moduleStore)
        }
        let bindings = try Bindings(module: module)
        var linker = Linker()
        if module.imports.contains(where: { $0.module == WASI.moduleName }) {
            // The session reads its lines from standard input: the guest gets none.
            var configuration = try wasiOptions.configuration(arguments: [file])
            configuration.standardInput = .bytes([])
            try WASI(configuration: configuration).define(in: &linker)
        }
        let imports = try hostImports.hostImports(for: bindings)
        return (ReplSession(guest: try limits.withLimits(on: moduleStore) {
            try Guest(module: module, bindings: bindings, imports: imports, store: moduleStore, linker: linker)
        }), moduleStore)
    }

    /// Reads and runs lines until the input ends; each call of a module's `store` runs under
    /// the limits given.
    private func loop(_ session: inout ReplSession, store: Store?) throws {
        let interactive = isatty(STDIN_FILENO) != 0
        var failed = false
        while true {
            if interactive {
                print("> ", terminator: "")
                FileHandle.standardOutput.synchronizeFile()
            }
            guard let line = readLine() else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
            do {
                // A module's store gets the limits afresh; a plugin applies them itself.
                let result = try store.map { store in try limits.withLimits(on: store) { try session.execute(trimmed) } }
                    ?? limits.namingOptions { try session.execute(trimmed) }
                print(result.serialized())
            } catch {
                failed = true
                print("error: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
