#if canImport(Glibc)
import Glibc
#endif

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Monotonic time in nanoseconds.
func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return Double(now() - start)
}

extension Array where Element == Double {
    func percentile(_ p: Double) -> Double {
        let sorted = self.sorted()
        let index = Swift.min(sorted.count - 1, Swift.max(0, Int((Double(sorted.count - 1) * p).rounded())))
        return sorted[index]
    }
    var median: Double { percentile(0.5) }
    /// The geometric mean (of ratios).
    var geometricMean: Double { exp(map(log).reduce(0, +) / Double(count)) }
}

/// Samples of `count` engines (by index) over `rounds` rounds, each round running every engine
/// once, the order swapped every round so that neither always runs first.
func inRounds(_ rounds: Int, engines count: Int, _ sample: (Int) throws -> Double) rethrows -> [[Double]] {
    var samples = Array(repeating: [Double](), count: count)
    for round in 0..<rounds {
        for index in round % 2 == 0 ? Array(0..<count) : (0..<count).reversed() {
            samples[index].append(try sample(index))
        }
    }
    return samples
}

/// The median of the rounds' ratios `first[i] / second[i]`, for samples taken in rounds that
/// run both engines back to back: a slow stretch of the machine moves both samples of a round,
/// so it moves their ratio less than it moves either engine's median.
func pairedRatio(_ first: [Double], _ second: [Double]) -> Double {
    zip(first, second).map { $0 / $1 }.median
}

/// Resident set size of this process in bytes.
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    withUnsafeMutablePointer(to: &size) { s in
        withUnsafeMutablePointer(to: &resident) { r in
            _ = withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func format(nanoseconds: Double) -> String {
    switch nanoseconds {
    case ..<1_000: return String(format3(nanoseconds)) + " ns"
    case ..<1_000_000: return format3(nanoseconds / 1_000) + " µs"
    case ..<1_000_000_000: return format3(nanoseconds / 1_000_000) + " ms"
    default: return format3(nanoseconds / 1_000_000_000) + " s"
    }
}

/// Three significant digits.
func format3(_ value: Double) -> String {
    let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
