import Diagnostics

/// An AssemblyScript guest called `env.abort`: a failed `assert`, a `throw`, an index out of
/// range. The message and source position are the guest's.
public struct AssemblyScriptAbort: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E403"
    /// `HEARTH-E403`.
    public var code: String { Self.code }
    /// Always `.guestError`.
    public var kind: ErrorKind { .guestError }
    /// What the guest said (nil when it passed none).
    public var guestMessage: String?
    /// The AssemblyScript source file, e.g. `assembly/index.ts` (nil when not given).
    public var file: String?
    /// Line and column in that file.
    public var line: UInt32
    public var column: UInt32

    /// "abort: boom at assembly/index.ts:12:5".
    public var message: String {
        "abort: \(guestMessage ?? "(no message)")" + (file.map { " at \($0):\(line):\(column)" } ?? "")
    }
}
