/// The error numbers of `wasi_snapshot_preview1` that Hearth's WASI returns (the preview 1
/// witx `errno` enum; 0 is success).
public enum Errno: Int32, Sendable {
    case success = 0
    /// Bad file descriptor.
    case badf = 8
    /// A pointer the guest passed lies outside its memory.
    case fault = 21
    /// An invalid argument (an unknown clock, a bad whence).
    case inval = 28
    /// An I/O error writing to or reading from the host's stream.
    case io = 29
    /// The function is not supported here.
    case nosys = 52
    /// Seeking on a stream that cannot seek (stdio pipes, terminals).
    case spipe = 70
}
