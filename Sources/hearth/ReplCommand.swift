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
            """
    )

    @Argument(help: "The wasm-bindgen or AssemblyScript .wasm module.")
    var file: String

    @OptionGroup var hostImports: HostImportOptions

    @OptionGroup var wasiOptions: WASIOptions

    func run() throws {
        var session: ReplSession
        do {
            let module = try Module(bytes: try readModuleBytes(file))
            if AssemblyScriptGuest.isAssemblyScript(module) {
                session = ReplSession(assemblyScript: try AssemblyScriptLoading.guest(module, file: file))
            } else {
                let bindings = try Bindings(module: module)
                var wasi: WASI?
                if module.imports.contains(where: { $0.module == WASI.moduleName }) {
                    // The session reads its lines from standard input: the guest gets none.
                    var configuration = try wasiOptions.configuration(arguments: [file])
                    configuration.standardInput = .bytes([])
                    wasi = try WASI(configuration: configuration)
                }
                session = ReplSession(guest: try Guest(
                    module: module, bindings: bindings, imports: try hostImports.hostImports(for: bindings), wasi: wasi))
            }
        } catch {
            throw report(error)
        }
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
                print(try session.execute(trimmed).serialized())
            } catch {
                failed = true
                print("error: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
