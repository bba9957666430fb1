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
            Example: hearth run tool.wasm --dir data::/data --env LANG=C -- --input /data/in.txt
            """
    )

    @Argument(help: "The WASI command module.")
    var file: String

    @OptionGroup var wasiOptions: WASIOptions

    @OptionGroup var limits: LimitOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments for the guest: after --, or any this command does not know.")
    var arguments: [String] = []

    func run() throws {
        // ArgumentParser keeps the `--` when options come between the module and it.
        let guestArguments = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        let configuration = try wasiOptions.configuration(arguments: [file] + guestArguments)
        let code: UInt32
        do {
            let wasi = try WASI(configuration: configuration)
            let module = try Module(bytes: try readModuleBytes(file), engine: limits.engine)
            let store = limits.store(for: module)
            code = try limits.withLimits(on: store) { try wasi.run(module, in: store) }
        } catch {
            throw report(error)
        }
        if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
    }
}
