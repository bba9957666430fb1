import ArgumentParser
import Hearth

/// The limits a call runs under, from the command line (`call`, `repl`, `run`); they override
/// a manifest's. A call they stop exits 72 naming the limit.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Instructions the guest may run (each call of the repl gets them afresh).", valueName: "instructions"))
    var fuel: UInt64?

    @Option(name: .customLong("timeout-ms"), help: ArgumentHelp(
        "Wall-clock milliseconds a call may take.", valueName: "milliseconds"))
    var timeoutMilliseconds: UInt64?

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "Bytes all the guest's memories and tables may take together: a number, or with K, M or G (powers of 1024).",
        valueName: "bytes"), transform: LimitOptions.bytes)
    var memoryLimit: Int?

    /// Whether the guest's code needs limit checks.
    var needsChecks: Bool { fuel != nil || timeoutMilliseconds != nil }

    /// The engine to compile with: interruptible when a fuel or time limit is given (code
    /// without one pays nothing for checks).
    var engine: Engine {
        needsChecks ? Engine(configuration: .init(interruptible: true)) : .default
    }

    /// A store for `module` with the memory limit.
    func store(for module: Module) -> Store {
        Store(engine: module.engine, memoryLimit: memoryLimit)
    }

    /// Runs `body` (one call) under the fuel and time limits: the fuel is given afresh and the
    /// deadline starts now and ends with the call. A limit that stops it names its option.
    func withLimits<T>(on store: Store, _ body: () throws -> T) throws -> T {
        if let fuel { store.fuel = fuel }
        if let timeoutMilliseconds { store.setDeadline(after: .milliseconds(timeoutMilliseconds)) }
        defer { if timeoutMilliseconds != nil { store.clearDeadline() } }
        return try namingOptions(body)
    }

    /// A manifest's limits with the options given here in their place.
    func override(_ limits: PluginLimits) -> PluginLimits {
        var limits = limits
        if let fuel { limits.fuel = fuel }
        if let timeoutMilliseconds { limits.timeoutMs = timeoutMilliseconds }
        if let memoryLimit { limits.memoryBytes = UInt64(memoryLimit) }
        return limits
    }

    /// Runs `body`; a limit error it throws names the option that set the limit, when one did.
    func namingOptions<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as LimitError {
            if let remedy = remedy(for: error.limit) { error.remedy = remedy }
            throw error
        }
    }

    /// Which option set the limit that stopped the guest.
    func remedy(for limit: LimitError.Limit) -> String? {
        switch limit {
        case .fuel: fuel.map { "the limit is --fuel \($0)" }
        case .deadline: timeoutMilliseconds.map { "the limit is --timeout-ms \($0)" }
        case .memory: memoryLimit.map { "the limit is --memory-limit \($0)" }
        case .interrupt: nil
        }
    }

    /// `64M` → 67108864: a whole number of bytes, or of KiB, MiB or GiB with K, M or G.
    static func bytes(_ text: String) throws -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last?.uppercased().first, let size = units[last] {
            unit = size
            digits = digits.dropLast()
        }
        guard let count = Int(digits), count >= 0, count <= Int.max / unit else {
            throw ValidationError("--memory-limit needs a number of bytes, optionally with K, M or G: \(text)")
        }
        return count * unit
    }
}
