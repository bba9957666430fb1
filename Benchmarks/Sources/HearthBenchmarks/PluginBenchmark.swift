import Dispatch
import Foundation
import Hearth

/// Plugins (issue 17): from a manifest to a first call, cold and warm; a new instance of a
/// compiled plugin; the pool under load on every core. Hearth only: WasmKit has no plugins.
enum PluginBenchmark {
    static let examples = workloads.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/multi-module")

    /// The example's manifest (orchestrator, math, crypto, image), or its math module alone.
    static func manifest(mathOnly: Bool = false) throws -> PluginManifest {
        let path = examples.appendingPathComponent("plugin.json").path
        guard mathOnly else { return try PluginManifest(contentsOf: path) }
        let json = try JSON.parse(#"{"modules": {"math.wasm": {"wasm": "math.wasm"}}}"#)
        return try PluginManifest(json: json, baseDirectory: examples.path)
    }

    /// Median nanoseconds of `body` over `count` runs.
    static func median(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<count { samples.append(try measure(body)) }
        return samples.median
    }

    /// Median nanoseconds a run of `body`, timed in batches of `batch`.
    static func perRun(_ batch: Int, repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        try median(repetitions) { for _ in 0..<batch { try body() } } / Double(batch)
    }

    /// (label, nanoseconds) rows.
    static func run(quick: Bool, repetitions: Int) throws -> [(String, Double)] {
        var rows: [(String, Double)] = []
        let manifest = try Self.manifest()
        // Cold: read, hash, compile and check four modules, make an instance, call.
        let cold = try median(quick ? 5 : 30) {
            guard try Plugin(manifest: manifest).call("add", [2, 3]) == 5 else { throw BenchmarkError("add") }
        }
        rows.append(("plugin cold start: manifest to first call (examples/multi-module, 4 modules), p50", cold))
        // Warm: the loader has the compiled plugin and the pool an idle instance.
        let loader = PluginLoader(maxCount: 8, maxBytes: 1 << 24)
        _ = try loader.get("example") { manifest }.call("add", [2, 3])
        let warm = try perRun(1000, repetitions: repetitions) {
            guard try loader.get("example", manifest: { manifest }).call("add", [2, 3]) == 5 else { throw BenchmarkError("add") }
        }
        rows.append(("plugin warm start: loader hit, pooled instance, call", warm))
        let plugin = try Plugin(manifest: manifest)
        rows.append(("new instance of a compiled plugin, 4 modules", try perRun(200, repetitions: repetitions) { _ = try plugin.instantiate() }))
        let math = try Plugin(manifest: try Self.manifest(mathOnly: true))
        rows.append(("new instance of a compiled plugin, 1 module (target <= 20 us)", try perRun(2000, repetitions: repetitions) { _ = try math.instantiate() }))
        // Every core calls the plugin through its pool: SHA-256 of 1 KiB a call.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let input = JSON.string(String(repeating: "a", count: 1024))
        let expected = try plugin.call("sha256_hex", [input])
        let calls = quick ? 200 : 2000
        let wrong = Atomic(0)
        let elapsed = measure {
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                for _ in 0..<calls { if (try? plugin.call("sha256_hex", [input])) != expected { wrong.add(1) } }
            }
        }
        guard wrong.value == 0 else { throw BenchmarkError("the pool gave \(wrong.value) wrong results") }
        rows.append(("pool under load: \(cores) threads, SHA-256 of 1 KiB through the plugin, per call", elapsed / Double(cores * calls)))
        return rows
    }
}

/// A counter several threads add to.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int
    init(_ count: Int) { self.count = count }
    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
