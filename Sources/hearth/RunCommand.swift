import ArgumentParser
import Hearth

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WASI command module (one that exports _start) and exit with its code.",
        discussion: """
            The guest gets the arguments given after the module (its argv[0] is the module's \
            path), only the environment variables given with --env, and this process's \
            standard input, output and error. Its exit code (proc_exit, or 0 when _start \
            returns) becomes hearth's. WASI so far covers arguments, environment, clocks, \
            randomness and the standard streams; a module importing other WASI functions \
            (files, directories, polling) fails to link, exit 67.
            Example: hearth run Tests/WASITests/Fixtures/wasi.wasm 3 < input.txt
            """
    )

    @Argument(help: "The WASI command module.")
    var file: String

    @Option(name: .customLong("env"), help: ArgumentHelp("An environment variable for the guest.", valueName: "name=value"))
    var environment: [String] = []

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the guest.")
    var arguments: [String] = []

    func run() throws {
        var variables: [(name: String, value: String)] = []
        for entry in environment {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ValidationError("--env \(entry): expected NAME=value")
            }
            variables.append((String(entry[..<equals]), String(entry[entry.index(after: equals)...])))
        }
        let code: UInt32
        do {
            let module = try Module(bytes: try readModuleBytes(file))
            let wasi = WASI(configuration: WASIConfiguration(
                arguments: [file] + arguments, environment: variables,
                standardInput: .inherit, standardOutput: .inherit, standardError: .inherit))
            code = try wasi.run(module, in: Store(engine: module.engine))
        } catch {
            throw report(error)
        }
        if code != 0 { throw ExitCode(Int32(bitPattern: code)) }
    }
}
