/// How long Hearth takes to make a module ready to instantiate — decode, validate and translate
/// every function, as a `Plugin` compiles (eager translation, on every core) — estimated from
/// its size alone, with the spread real modules showed.
///
/// Measured on the development machine (2 cores, release build, `hearth validate`, best of 3,
/// less the 16.5 ms the process takes for a 64-byte module) on six WASI programs others
/// compiled, from `Tests/wasi-programs`: GNU as for AVR (0.7 MB) 26 ns a byte, Boolector
/// (1.3 MB) 22, usvg (3.9 MB) 10.5, resvg (4.4 MB) 11, GCC's cc1 (24 MB) 18, CPython (26 MB)
/// 7. The estimate uses the median, 14.5 ns a byte; the range is the fastest and slowest seen.
/// Code with large functions costs more per byte than code with many small ones, so an
/// estimate is good to a factor of two, not better. To that comes what any module costs, 30 µs
/// (`make bench`: a 10 KB module's cold start, parse to first call); making another instance
/// afterwards takes tens of microseconds.
public struct ColdStartEstimate: Sendable, Equatable {
    /// Nanoseconds a byte: the median and the extremes measured.
    public static let nanosecondsPerByte = (low: 7.0, expected: 14.5, high: 26.0)
    /// What a module costs whatever its size.
    public static let fixedMicroseconds = 30.0

    /// The estimate, in microseconds.
    public var expectedMicroseconds: Double
    /// The estimate at the lowest cost a byte measured.
    public var lowMicroseconds: Double
    /// The estimate at the highest cost a byte measured.
    public var highMicroseconds: Double

    /// The estimate for a module of `bytes` bytes.
    public init(bytes: Int) {
        let perByte = Self.nanosecondsPerByte
        expectedMicroseconds = Self.fixedMicroseconds + Double(bytes) * perByte.expected / 1e3
        lowMicroseconds = Self.fixedMicroseconds + Double(bytes) * perByte.low / 1e3
        highMicroseconds = Self.fixedMicroseconds + Double(bytes) * perByte.high / 1e3
    }
}
