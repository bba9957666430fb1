import ArgumentParser
import Hearth

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WASI command module (one that exports _start) and exit with its code.",
        discussion: """
            The guest gets the arguments given after the module (its argv[0] is the module's \
            path), only the environment variables given with --env (all of this process's \
            with --inherit-env), only the directories given with --dir and --dir-ro, and this \
            process's standard input, output and error. Its exit code (proc_exit, or 0 when \
            _start returns) becomes hearth's; a trap exits 70, a limit (--fuel, \
            --timeout-ms, --memory-limit) that stops it 72.
            A plugin manifest (.json) in place of the module runs its main module's _start, \
            the other modules linked to it; WASI is the manifest's (its args, then those \
            given here; env; dirs) with this process's standard streams, and the limits are \
            its own unless options here override them.
            Example: hearth run tool.wasm --dir data::/data --env LANG=C -- --input /data/in.txt
            """
    )

    @Argument(help: "The WASI command module, or a plugin manifest (.json) whose main module is one.")
    var file: String

    @OptionGroup var wasiOptions: WASIOptions

    @OptionGroup var limits: LimitOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments for the guest: after --, or any this command does not know.")
    var arguments: [String] = []

    func run() throws {
        // ArgumentParser keeps the `--` when options come between the module and it.
        let guestArguments = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        let code: UInt32
        do {
            if PluginLoading.isManifest(file) {
                try wasiOptions.refuseForManifest()
                code = try runPlugin(arguments: guestArguments)
                if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
                return
            }
            let configuration = try wasiOptions.configuration(arguments: [file] + guestArguments)
            let wasi = try WASI(configuration: configuration)
            let module = try Module(bytes: try readModuleBytes(file), engine: limits.engine)
            let store = limits.store(for: module)
            code = try limits.withLimits(on: store) { try wasi.run(module, in: store) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
        if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
    }

    /// Runs the main module of the plugin `file` describes: its `_start`, with WASI as the
    /// manifest says but this process's streams and `arguments` after the manifest's.
    func runPlugin(arguments: [String]) throws -> UInt32 {
        let plugin = try PluginLoading.plugin(file, limits: limits) { settings in
            var configuration = settings?.configuration ?? WASIConfiguration()
            configuration.arguments = (settings?.args ?? [file]) + arguments
            configuration.standardInput = .inherit
            configuration.standardOutput = .inherit
            configuration.standardError = .inherit
            return configuration
        }
        do {
            _ = try limits.namingOptions { try plugin.call("_start") }
            return 0
        } catch let exit as ProcessExit {
            return exit.code
        }
    }
}
