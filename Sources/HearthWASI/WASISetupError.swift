import Diagnostics

/// A `WASIConfiguration` the host cannot set up: a pre-opened directory that does not exist
/// or is not a directory, a standard stream's file that cannot be opened.
public struct WASISetupError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E501"
    /// `HEARTH-E501`.
    public var code: String { Self.code }
    /// Always `.unreadableFile`: something on the host cannot be opened.
    public var kind: ErrorKind { .unreadableFile }
    /// What cannot be opened, and why.
    public var message: String

    init(_ message: String) { self.message = message }
}
