/// What a guest's WASI sees: its arguments, its environment and its standard streams.
///
/// Nothing of the host leaks in by default: the guest gets only the arguments and
/// environment variables given here (as wasmtime does), and its standard streams are the
/// process's own only where `.inherit` says so.
public struct WASIConfiguration: Sendable {
    /// `argv`, the program name first.
    public var arguments: [String]
    /// `environ`, as `NAME=value` pairs in this order.
    public var environment: [(name: String, value: String)]
    /// What `fd 0` reads.
    public var standardInput: WASIInput
    /// Where `fd 1` writes.
    public var standardOutput: WASIOutput
    /// Where `fd 2` writes.
    public var standardError: WASIOutput

    /// A configuration with the given parts; by default no arguments, no environment, empty
    /// input and output thrown away.
    public init(arguments: [String] = [], environment: [(name: String, value: String)] = [],
                standardInput: WASIInput = .bytes([]), standardOutput: WASIOutput = .discard,
                standardError: WASIOutput = .discard) {
        self.arguments = arguments
        self.environment = environment
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Where a guest's standard input comes from.
public enum WASIInput: Sendable {
    /// The host process's standard input.
    case inherit
    /// These bytes, then end of file.
    case bytes([UInt8])
}

/// Where a guest's standard output or error goes.
public enum WASIOutput: Sendable {
    /// The host process's own stream.
    case inherit
    /// Appended to a buffer the embedder reads afterwards.
    case buffer(WASIOutputBuffer)
    /// Nowhere.
    case discard
}

/// Bytes a guest wrote, collected for the embedder (`WASIOutput.buffer`). Used from the
/// store's thread, like everything the guest touches.
public final class WASIOutputBuffer: @unchecked Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty buffer.
    public init() {}

    /// What was written, as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    func append(_ more: some Collection<UInt8>) { bytes.append(contentsOf: more) }
}
