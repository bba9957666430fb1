import Foundation

/// Real WASI programs others compiled (issue 18), each run from its raw bytes to its exit under
/// Hearth's WASI and WasmKit 0.4.2's (`WASIBridgeToHost`), alternating, with wasmtime's CLI
/// for reference. `programs.sh` downloads and builds them into the cache; a program that is
/// not there is skipped and the row says why. Before anything is timed, each program runs
/// once in every engine and their exit codes and standard output must be the same.
@MainActor enum ProgramsBenchmark {
    /// One program and what it is given.
    struct Workload {
        let label: String
        /// The module, in the cache.
        let module: URL
        let command: WASICommand
        /// Whether the guest needs a writable, empty `/tmp` for each run.
        var scratch = false
        /// A file the guest writes in `/tmp`, compared between engines like standard output.
        var result: String? = nil
        /// Whether wasmtime may take the compiled module from its cache (else `-C cache=n`).
        var wasmtimeCache = true
    }

    /// One row of the table: formatted times (or throughputs), or a note where a figure is missing.
    struct Row {
        let label: String
        var hearth: String
        var wasmkit: String
        var ratio: Double?
        var wasmtime: String
    }

    static let inputs = workloads.appendingPathComponent("programs")

    /// The timed programs, their modules and inputs in `cache` (and `inputs`).
    static func workloadList(cache: URL) -> [Workload] {
        let modules = cache.appendingPathComponent("wasi-programs/modules")
        let benchmarks = cache.appendingPathComponent("benchmarks")
        // pyperformance's modules import pyperf at the top and run it only as __main__:
        // a stand-in with the one function their code uses, then the benchmark's own function.
        func python(_ file: String, _ call: String) -> WASICommand {
            let script = "import sys, types, time; sys.modules['pyperf'] = types.SimpleNamespace(perf_counter=time.perf_counter); "
                + "import runpy; ns = runpy.run_path('/bench/\(file)'); \(call)"
            return WASICommand(arguments: ["python", "-c", script], environment: [("PYTHONHASHSEED", "0")],
                               directories: [(benchmarks.appendingPathComponent("python").path, "/bench")])
        }
        let interpreter = modules.appendingPathComponent("python.wasm")
        return [
            Workload(label: "CPython 3.12: pyperformance bm_nbody, 700 steps", module: interpreter,
                     command: python("bm_nbody.py", "ns['bench_nbody'](1, 'sun', 700); print(ns['report_energy']())")),
            Workload(label: "CPython 3.12: pyperformance bm_float, 3,000 points", module: interpreter,
                     command: python("bm_float.py", "print(ns['benchmark'](3000))")),
            Workload(label: "Boolector 3.2.3: associativity of 5-bit bvmul, no rewriting (unsat)",
                     module: modules.appendingPathComponent("boolector.wasm"),
                     command: WASICommand(arguments: ["boolector", "-rwl", "0", "/bench/assoc5.smt2"],
                                          directories: [(inputs.path, "/bench")])),
            Workload(label: "resvg 0.31: scene.svg (gradients, 90 shapes, blur) to a 600-pixel PNG",
                     module: modules.appendingPathComponent("resvg.wasm"),
                     command: WASICommand(arguments: ["resvg", "-w", "600", "/bench/scene.svg", "-c"],
                                          directories: [(inputs.path, "/bench")])),
            Workload(label: "Yosys 0.70: synth of an 8-bit ALU (add, subtract, logic, compare), with ABC",
                     module: modules.appendingPathComponent("yosys.wasm"),
                     // Its log stops at the ABC pass when it goes to standard output: the
                     // statistics go to a file instead.
                     command: WASICommand(arguments: ["yosys", "-Q", "-T", "-q", "-p",
                                                      "read_verilog /bench/alu.v; synth -top alu; tee -q -o /tmp/stat.txt stat"],
                                          directories: [(inputs.path, "/bench"),
                                                        (cache.appendingPathComponent("wasi-programs/data/yosys").path, "/share")]),
                     scratch: true, result: "stat.txt"),
            Workload(label: "Go 1.27 gofmt (GOOS=wasip1): go/parser/parser.go, 75 KB",
                     module: benchmarks.appendingPathComponent("go/gofmt.wasm"),
                     command: WASICommand(arguments: ["gofmt", "/go/parser.go"],
                                          directories: [(benchmarks.appendingPathComponent("go").path, "/go")])),
        ]
    }

    /// Runs the workloads; `repetitions` timed runs per engine.
    static func run(cache: URL, repetitions: Int) throws -> [Row] {
        try withWasmtimeAndScratch(cache: cache) { wasmtime, scratch in
            if wasmtime == nil { print("wasmtime: not installed (run Benchmarks/programs.sh); its column is empty") }
            return try workloadList(cache: cache).map {
                report(try run($0, wasmtime: wasmtime, scratch: scratch, repetitions: repetitions))
            }
        }
    }

    /// Runs `body` with wasmtime (nil when it is not installed) and a scratch directory for the
    /// runs' files, removed afterwards.
    static func withWasmtimeAndScratch<T>(cache: URL, _ body: (Wasmtime?, URL) throws -> T) rethrows -> T {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-programs-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try body(Wasmtime(cache: cache), scratch)
    }

    /// Prints `row` as soon as it is measured, and returns it.
    @discardableResult static func report(_ row: Row) -> Row {
        print("\(row.label): Hearth \(row.hearth), WasmKit \(row.wasmkit), ratio \(row.ratio.map { format3($0) + "x" } ?? "n/a"), wasmtime \(row.wasmtime)")
        return row
    }

    /// Start-up of a 20 MB interpreter (CPython's python.wasm, 26 MB) printing one line, and
    /// eager validation of the same module: Hearth's `Module(bytes:)` (decode, validate,
    /// translate every function), WasmKit's eager compilation (parse, validate, instantiate,
    /// compile every function), wasmtime's `compile` (Cranelift to machine code, not cached).
    static func startup(cache: URL, repetitions: Int) throws -> [Row] {
        let python = cache.appendingPathComponent("wasi-programs/modules/python.wasm")
        var printOne = Workload(label: "start-up: CPython 3.12 (python.wasm, 26 MB) -c 'print(1)', raw bytes to exit; wasmtime -C cache=n",
                                module: python, command: WASICommand(arguments: ["python", "-c", "print(1)"]))
        printOne.wasmtimeCache = false
        return try withWasmtimeAndScratch(cache: cache) { wasmtime, scratch in
            let rows = [report(try run(printOne, wasmtime: wasmtime, scratch: scratch, repetitions: repetitions))]
            guard let bytes = try? [UInt8](Data(contentsOf: python)) else { return rows }
            var samples = Array(repeating: [Double](), count: engines.count)
            var wasmtimeSamples: [Double] = []
            for _ in 0..<repetitions {
                for (index, engine) in engines.enumerated() { samples[index].append(try measure { try engine.validateEagerly(bytes) }) }
                if let wasmtime, let time = try? measure({ try wasmtime.compile(python.path) }) { wasmtimeSamples.append(time) }
            }
            func throughput(_ nanoseconds: Double) -> String { format3(Double(bytes.count) / (nanoseconds / 1e9) / 1e6) + " MB/s" }
            return rows + [report(Row(label: "eager validation of python.wasm (26 MB); wasmtime: compile, no cache",
                                      hearth: throughput(samples[0].median), wasmkit: throughput(samples[1].median),
                                      ratio: samples[0].median / samples[1].median,
                                      wasmtime: wasmtimeSamples.isEmpty ? "" : throughput(wasmtimeSamples.median)))]
        }
    }

    /// Output file and fresh scratch directory of one run of `engine`.
    static func prepare(_ workload: Workload, scratch: URL, engine: String) throws -> WASICommand {
        var command = workload.command
        let directory = scratch.appendingPathComponent(engine)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        command.standardOutput = directory.appendingPathComponent("stdout").path
        if workload.scratch { command.directories.append((directory.appendingPathComponent("tmp").path, "/tmp")) }
        return command
    }

    /// What a run left to compare: its standard output, then the result file if there is one.
    static func output(_ workload: Workload, _ command: WASICommand) throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: command.standardOutput))
        if let result = workload.result {
            let file = URL(fileURLWithPath: command.standardOutput).deletingLastPathComponent().appendingPathComponent("tmp/\(result)")
            guard let written = try? Data(contentsOf: file) else { throw BenchmarkError("the run wrote no /tmp/\(result)") }
            data.append(written)
        }
        return data
    }

    /// Checks `workload` under every engine and wasmtime, then times it; scratch files go under `scratch`.
    static func run(_ workload: Workload, wasmtime: Wasmtime?, scratch: URL, repetitions: Int) throws -> Row {
        var row = Row(label: workload.label, hearth: "", wasmkit: "", ratio: nil, wasmtime: "")
        guard let bytes = try? [UInt8](Data(contentsOf: workload.module)) else {
            row.hearth = "skipped: no \(workload.module.path) (run Benchmarks/programs.sh)"
            return row
        }
        for (host, _) in workload.command.directories where !FileManager.default.fileExists(atPath: host) {
            row.hearth = "skipped: no \(host) (run Benchmarks/programs.sh)"
            return row
        }
        // The check: every engine once, same exit code and same standard output as Hearth.
        let hearthCommand = try prepare(workload, scratch: scratch, engine: "hearth")
        let code: UInt32, expected: Data
        do {
            code = try engines[0].runWASI(bytes, hearthCommand)
            expected = try output(workload, hearthCommand)
        } catch {
            row.hearth = "fails: \(error)"
            return row
        }
        guard !expected.isEmpty else {
            row.hearth = "no output (exit \(code)): nothing to compare"
            return row
        }
        /// Runs the workload once under another engine: nil when it agrees with Hearth's run,
        /// else what the row says instead of a time.
        func disagreement(_ engine: String, _ run: (WASICommand) throws -> Int) throws -> String? {
            let command = try prepare(workload, scratch: scratch, engine: engine)
            do {
                let other = try run(command)
                let produced = try output(workload, command)
                if other == Int(code) && produced == expected { return nil }
                return "differs (exit \(other) vs \(code), \(produced.count) vs \(expected.count) bytes out)"
            } catch {
                return "fails: \(error)"
            }
        }
        var timed: [Int] = [0]
        for index in 1..<engines.count {
            if let note = try disagreement(engines[index].name, { try Int(engines[index].runWASI(bytes, $0)) }) {
                row.wasmkit = note
            } else {
                timed.append(index)
            }
        }
        var wasmtimeRuns = false
        if let wasmtime {
            if let note = try disagreement("wasmtime", { try Int(wasmtime.run(workload.module.path, $0, cache: workload.wasmtimeCache)) }) {
                row.wasmtime = note
            } else {
                wasmtimeRuns = true
            }
        }
        // Timed: the engines in turn, then wasmtime (its cache has the compiled module now).
        var samples = Array(repeating: [Double](), count: engines.count)
        var wasmtimeSamples: [Double] = []
        for round in 0..<repetitions {
            for index in round % 2 == 0 ? timed : timed.reversed() {
                let command = try prepare(workload, scratch: scratch, engine: engines[index].name)
                samples[index].append(try measure { _ = try engines[index].runWASI(bytes, command) })
            }
            if wasmtimeRuns, let wasmtime {
                let command = try prepare(workload, scratch: scratch, engine: "wasmtime")
                wasmtimeSamples.append(try measure { _ = try wasmtime.run(workload.module.path, command, cache: workload.wasmtimeCache) })
            }
        }
        row.hearth = format(nanoseconds: samples[0].median)
        if timed.count == engines.count {
            row.wasmkit = format(nanoseconds: samples[1].median)
            row.ratio = pairedRatio(samples[0], samples[1])
        }
        if wasmtimeRuns { row.wasmtime = format(nanoseconds: wasmtimeSamples.median) }
        return row
    }
}
