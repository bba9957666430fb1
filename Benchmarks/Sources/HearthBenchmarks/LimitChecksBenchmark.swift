import Hearth

/// What the limit checks of an interruptible engine cost: each execution workload runs in
/// Hearth with them (fuel that never runs out and a deadline an hour away, so every check
/// does all its work) and without, alternating, on the same bytes.
struct LimitChecksBenchmark {
    static let plain = Engine(configuration: .init(translation: .lazy))
    static let checked = Engine(configuration: .init(translation: .lazy, interruptible: true))

    /// `run` of `bytes` without and with checks; the checksums must agree.
    static func instances(_ bytes: [UInt8]) throws -> (plain: Function, checked: Function, store: Store) {
        let plainModule = try Module(bytes: bytes, engine: plain)
        let plainStore = Store(engine: plain)
        let checkedModule = try Module(bytes: bytes, engine: checked)
        let checkedStore = Store(engine: checked)
        checkedStore.fuel = UInt64(Int64.max)
        checkedStore.setDeadline(after: .seconds(3600))
        let plainRun = try Instance(module: plainModule, store: plainStore).function(named: "run")!
        let checkedRun = try Instance(module: checkedModule, store: checkedStore).function(named: "run")!
        return (plainRun, checkedRun, checkedStore)
    }

    /// Median times without and with checks of `run(n)`.
    static func measureWorkload(_ bytes: [UInt8], n: Int32, repetitions: Int) throws -> (plain: Double, checked: Double) {
        let (plainRun, checkedRun, store) = try instances(bytes)
        defer { store.clearDeadline() }
        func checksum(_ run: Function) throws -> Int64 {
            guard case .i64(let value) = try run.call([.i32(n)]).first else { throw BenchmarkError("bad result") }
            return value
        }
        guard try checksum(plainRun) == checksum(checkedRun) else { throw BenchmarkError("results differ with limit checks") }
        var samples: [[Double]] = [[], []]
        for _ in 0..<repetitions {
            samples[0].append(try measure { _ = try plainRun.call([.i32(n)]) })
            samples[1].append(try measure { _ = try checkedRun.call([.i32(n)]) })
        }
        return (samples[0].median, samples[1].median)
    }
}
