/// What a guest's WASI sees: its arguments, its environment, the directories it may use and
/// its standard streams.
///
/// Nothing of the host leaks in by default: the guest gets only the arguments and
/// environment variables given here (as wasmtime does), only the directories pre-opened
/// here, and its standard streams are the process's own only where `.inherit` says so.
public struct WASIConfiguration: Sendable {
    /// `argv`, the program name first.
    public var arguments: [String]
    /// `environ`, as `NAME=value` pairs in this order.
    public var environment: [(name: String, value: String)]
    /// Host directories the guest may use, as descriptors 3, 4, … in this order.
    public var preopenedDirectories: [PreopenedDirectory]
    /// What `fd 0` reads.
    public var standardInput: WASIInput
    /// Where `fd 1` writes.
    public var standardOutput: WASIOutput
    /// Where `fd 2` writes.
    public var standardError: WASIOutput

    /// A configuration with the given parts; by default no arguments, no environment, no
    /// directories, empty input and output thrown away.
    public init(arguments: [String] = [], environment: [(name: String, value: String)] = [],
                preopenedDirectories: [PreopenedDirectory] = [],
                standardInput: WASIInput = .bytes([]), standardOutput: WASIOutput = .discard,
                standardError: WASIOutput = .discard) {
        self.arguments = arguments
        self.environment = environment
        self.preopenedDirectories = preopenedDirectories
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// A host directory the guest sees under `guestPath`, and nothing above it.
public struct PreopenedDirectory: Sendable, Equatable {
    /// The directory on the host.
    public var hostPath: String
    /// The name the guest sees it by (`fd_prestat_dir_name`), e.g. `/` or `/data`.
    public var guestPath: String
    /// Whether the guest may only read: every call that would change something beneath it
    /// answers `EPERM`.
    public var isReadOnly: Bool

    /// `hostPath` as `guestPath` (by default the same path), writable unless `readOnly`.
    public init(hostPath: String, guestPath: String? = nil, readOnly: Bool = false) {
        self.hostPath = hostPath
        self.guestPath = guestPath ?? hostPath
        self.isReadOnly = readOnly
    }
}

/// Where a guest's standard input comes from.
public enum WASIInput: Sendable {
    /// The host process's standard input.
    case inherit
    /// These bytes, then end of file.
    case bytes([UInt8])
    /// A host file, opened for reading when the `WASI` is made.
    case file(String)
    /// A reader the guest's reads call: it fills as much of the buffer as it has and returns
    /// how many bytes it wrote there, 0 at end of input. It may block.
    case reader(@Sendable (UnsafeMutableRawBufferPointer) -> Int)
}

/// Where a guest's standard output or error goes.
public enum WASIOutput: Sendable {
    /// The host process's own stream.
    case inherit
    /// Appended to a buffer the embedder reads afterwards.
    case buffer(WASIOutputBuffer)
    /// A host file, created or emptied when the `WASI` is made.
    case file(String)
    /// A writer each of the guest's writes calls with its bytes (valid only during the call).
    case writer(@Sendable (UnsafeRawBufferPointer) -> Void)
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
