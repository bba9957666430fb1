import Foundation

// Prints one table comparing Hearth with WasmKit 0.4.2 on the same modules, in this process.
// Each measurement runs the engines in rounds, one after the other (the order swapped every
// round), and reports each engine's median; a ratio is the median of the rounds' ratios.

let workloads = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Workloads")
let engines: [any BenchmarkEngine] = [HearthEngine(), WasmKitEngine()]
let quick = CommandLine.arguments.contains("--quick")
/// `--only NAME` runs one section: execution, limits, startup, wasi, programs, calls, plugins or memory.
let only: String? = CommandLine.arguments.firstIndex(of: "--only").map { CommandLine.arguments[$0 + 1] }
func runs(_ section: String) -> Bool { only == nil || only == section }
let repetitions = quick ? 3 : 7

func load(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: workloads.appendingPathComponent("\(name).wasm")))
}

var rows: [(String, String, String, String)] = []
@MainActor func row(_ name: String, _ hearth: String, _ wasmkit: String, _ ratio: String) {
    rows.append((name, hearth, wasmkit, ratio))
    print("\(name): Hearth \(hearth), WasmKit \(wasmkit), ratio \(ratio)")
}

/// Runs `body` for each engine in turn, `count` rounds (the order swapped every round), and
/// returns the samples.
@MainActor func interleaved(_ count: Int, _ body: (any BenchmarkEngine) throws -> Double) rethrows -> [[Double]] {
    try inRounds(count, engines: engines.count) { try body(engines[$0]) }
}

// MARK: Execution

let executionWorkloads: [(name: String, n: Int32, label: String)] = [
    ("fib", 30, "recursive fib(30)"),
    ("sieve", 6, "sieve of 2^20, 6 rounds"),
    ("matmul", 12, "f64 matmul 128x128, 12 rounds"),
    ("sha256", 4, "SHA-256 of 4 MiB"),
    ("quicksort", 1_000_000, "quicksort of 1M ints"),
    ("strhash", 1_500_000, "string hashing, 1.5M keys"),
    ("coremark", 600, "CoreMark-style mix, 600 iterations"),
    ("simd", 150, "SIMD: f32x4 dot product + i16x8 blur, 150 rounds"),
]
var ratios: [Double] = []
for workload in executionWorkloads where runs("execution") {
    let bytes = try load(workload.name)
    let modules = try engines.map { try $0.instantiate(bytes) }
    let checks = try modules.map { try $0.run(workload.n) }
    guard Set(checks).count == 1 else {
        fatalError("\(workload.name): engines disagree: \(checks)")
    }
    let samples = try inRounds(repetitions, engines: modules.count) { index in
        try measure { _ = try modules[index].run(workload.n) }
    }
    let ratio = pairedRatio(samples[0], samples[1])
    // The scalar workloads make the headline mean; SIMD stands on its own row.
    if workload.name != "simd" { ratios.append(ratio) }
    row(workload.label, format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(ratio) + "x")
}
if !ratios.isEmpty {
    row("execution, geometric mean of ratios (scalar workloads)", "", "", format3(ratios.geometricMean) + "x")
}

// MARK: Limit checks

var limitRows: [(String, String, String, String)] = []
if runs("limits") {
    var costs: [Double] = []
    for workload in executionWorkloads {
        let (plain, checked) = try LimitChecksBenchmark.measureWorkload(try load(workload.name), n: workload.n, repetitions: repetitions)
        costs.append(checked / plain)
        limitRows.append((workload.label, format(nanoseconds: plain), format(nanoseconds: checked), format3(checked / plain) + "x"))
        print("limit checks, \(workload.label): without \(format(nanoseconds: plain)), with \(format(nanoseconds: checked))")
    }
    limitRows.append(("geometric mean", "", "", format3(costs.geometricMean) + "x"))
}

// MARK: Cold start and validation

for (label, size, count) in [("10 KB", 10_000, 200), ("100 KB", 100_000, 100), ("1 MB", 1_000_000, 30), ("10 MB", 10_000_000, 8)] where runs("startup") {
    let bytes = GeneratedModules.module(targetBytes: size)
    let samples = try interleaved(quick ? max(3, count / 4) : count) { engine in
        try measure {
            let module = try engine.instantiate(bytes)
            guard try module.callSmall() == 42 else { fatalError("small() != 42") }
        }
    }
    row("cold start \(label): parse + instantiate + first call, p50", format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")
    row("cold start \(label): p99", format(nanoseconds: samples[0].percentile(0.99)), format(nanoseconds: samples[1].percentile(0.99)), format3(samples[0].percentile(0.99) / samples[1].percentile(0.99)) + "x")
}
if runs("startup") {
    let bytes = GeneratedModules.module(targetBytes: 10_000_000)
    // Nine runs each: with two threads on two shared vCPUs one run varies by a third.
    let samples = try interleaved(quick ? 2 : 9) { engine in try measure { try engine.validateEagerly(bytes) } }
    let throughput = samples.map { Double(bytes.count) / ($0.median / 1e9) / 1e6 }
    row("eager validate + translate, 10 MB module", format3(throughput[0]) + " MB/s", format3(throughput[1]) + " MB/s", format3(throughput[1] / throughput[0]) + "x")
}

// MARK: WASI programs others compiled

// Start-up of large real WASI programs (Tests/wasi-programs/run.sh downloads them): from the
// raw bytes to the exit of a run that does little (`--version`), so the time is decoding,
// validation, instantiation and the functions that run translated on first call.
let cache = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HEARTH_CACHE"]
    ?? NSString(string: "~/.cache/hearth").expandingTildeInPath)
let programs = cache.appendingPathComponent("wasi-programs/modules")
for (id, arguments, label) in [("cc1", ["cc1", "--version"], "GCC 15 cc1 for AVR, 24 MB: cc1 --version"),
                               ("cc1plus", ["cc1plus", "--version"], "GCC 15 cc1plus for AVR, 26 MB: cc1plus --version")] where runs("wasi") {
    guard let bytes = try? [UInt8](Data(contentsOf: programs.appendingPathComponent("\(id).wasm"))) else {
        print("\(label): skipped, \(id).wasm is not in \(programs.path) (run Tests/wasi-programs/run.sh first)")
        continue
    }
    let codes = try engines.map { try $0.runWASI(bytes, WASICommand(arguments: arguments)) }
    guard Set(codes).count == 1 else { fatalError("\(id): engines disagree on the exit code: \(codes)") }
    let samples = try interleaved(quick ? 2 : 5) { engine in try measure { _ = try engine.runWASI(bytes, WASICommand(arguments: arguments)) } }
    row("WASI start-up, \(label)", format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")
}

// EEMBC's CoreMark as published (Workloads/eembc-coremark: built .wasm, licence, how it was
// built), run as a WASI command from its bytes to its exit: execution of code others wrote.
if runs("wasi") {
    let bytes = try load("eembc-coremark/coremark")
    let arguments = ["coremark", "0x0", "0x0", "0x66", "2000", "7", "1", "2000"]
    let codes = try engines.map { try $0.runWASI(bytes, WASICommand(arguments: arguments)) }
    guard Set(codes).count == 1 else { fatalError("coremark: engines disagree on the exit code: \(codes)") }
    let samples = try interleaved(quick ? 2 : 5) { engine in try measure { _ = try engine.runWASI(bytes, WASICommand(arguments: arguments)) } }
    row("EEMBC CoreMark 1.0 (unchanged, zig cc -O2, WASI), 2,000 iterations, whole run",
        format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")
}

// MARK: Real programs

// Real WASI programs others compiled, with real execution time, and the start-up of a 26 MB
// interpreter (ProgramsBenchmark; Benchmarks/programs.sh downloads and builds them).
var programRows: [ProgramsBenchmark.Row] = []
if runs("programs") {
    programRows = try ProgramsBenchmark.run(cache: cache, repetitions: quick ? 2 : 3)
    let ratios = programRows.compactMap(\.ratio)
    if !ratios.isEmpty {
        programRows.append(.init(label: "programs, geometric mean of the \(ratios.count) ratios", hearth: "", wasmkit: "",
                                 ratio: ratios.geometricMean, wasmtime: ""))
    }
    programRows += try ProgramsBenchmark.startup(cache: cache, repetitions: quick ? 2 : 3)
}

// MARK: Host calls

if runs("calls") {
    let bytes = try load("strings")
    let modules = try engines.map { try $0.instantiate(bytes) }
    guard try modules.allSatisfy({ try $0.add(2, 3) == 5 }) else { fatalError("add") }
    let calls = quick ? 100_000 : 1_000_000
    let loops = try modules.map { try $0.addLoop() }
    var samples = try inRounds(repetitions, engines: loops.count) { index in
        try measure { _ = try loops[index](calls) } / Double(calls)
    }
    row("typed add(i32, i32) call from Swift", format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")

    let input = (0..<100).map { UInt8(65 + $0 % 26) }
    let roundTrips = try modules.map { try $0.stringRoundTrip() }
    guard try roundTrips.allSatisfy({ try $0(input) == input.reversed() }) else { fatalError("reverse") }
    let iterations = quick ? 20_000 : 200_000
    samples = try inRounds(repetitions, engines: roundTrips.count) { index in
        try measure { for _ in 0..<iterations { _ = try roundTrips[index](input) } } / Double(iterations)
    }
    row("100-byte string round trip", format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")

    // Guest-to-host calls: the guest loops over an imported host function that adds.
    let hostCalls = quick ? 100_000 : 1_000_000
    let expected = Int32(truncatingIfNeeded: (0..<hostCalls).reduce(0, +))
    for (form, label) in [(HostFunctionForm.typed, "guest-to-host call, typed host function (WasmKit: raw buffers)"),
                          (.values, "guest-to-host call, host function over arrays of values")] {
        let hosts = try engines.map { try $0.instantiate(try load("hostcall"), hostAdd: form) }
        guard try hosts.allSatisfy({ try $0.callHost(Int32(hostCalls)) == expected }) else { fatalError("call_host") }
        samples = try inRounds(repetitions, engines: hosts.count) { index in
            try measure { _ = try hosts[index].callHost(Int32(hostCalls)) } / Double(hostCalls)
        }
        row(label, format(nanoseconds: samples[0].median), format(nanoseconds: samples[1].median), format3(pairedRatio(samples[0], samples[1])) + "x")
    }

    let bridge = try bridgeStringRoundTrip(iterations: quick ? 5_000 : 50_000, repetitions: repetitions)
    row("100-byte string round trip through the wasm-bindgen bridge (Rust greet)", format(nanoseconds: bridge), "n/a", "")
}

// MARK: Plugins

if runs("plugins") {
    for (label, nanoseconds) in try PluginBenchmark.run(quick: quick, repetitions: repetitions) {
        row(label, format(nanoseconds: nanoseconds), "n/a", "")
    }
}

// MARK: Memory

if runs("memory") {
    let bytes = GeneratedModules.module(targetBytes: 10_000)
    var perInstance: [Double] = []
    for engine in engines {
        var keep: [any LoadedModule] = []
        let before = residentBytes()
        for _ in 0..<1000 { keep.append(try engine.instantiate(bytes)) }
        let after = residentBytes()
        perInstance.append(Double(after - before) / 1000)
        withExtendedLifetime(keep) {}
    }
    row("resident memory per idle instance (10 KB module, no linear memory)", format3(perInstance[0] / 1024) + " KiB", format3(perInstance[1] / 1024) + " KiB", format3(perInstance[0] / perInstance[1]) + "x")
}

print("")
print("| measure | Hearth | WasmKit 0.4.2 | Hearth / WasmKit |")
print("|---|---:|---:|---:|")
for (name, hearth, wasmkit, ratio) in rows { print("| \(name) | \(hearth) | \(wasmkit) | \(ratio) |") }
if !programRows.isEmpty {
    print("")
    print("| real program, raw bytes to exit | Hearth | WasmKit 0.4.2 | Hearth / WasmKit | wasmtime 49 (reference) |")
    print("|---|---:|---:|---:|---:|")
    for row in programRows {
        print("| \(row.label) | \(row.hearth) | \(row.wasmkit) | \(row.ratio.map { format3($0) + "x" } ?? "") | \(row.wasmtime) |")
    }
}
if !limitRows.isEmpty {
    print("")
    print("| limit checks (fuel + deadline), Hearth | without | with | with / without |")
    print("|---|---:|---:|---:|")
    for (name, plain, checked, ratio) in limitRows { print("| \(name) | \(plain) | \(checked) | \(ratio) |") }
}
