import ArgumentParser
import Foundation
import Hearth

/// The CLI's exit codes (documented in `hearth --help` and docs/errors.md).
enum ExitStatus {
    static let testsFailed = ExitCode(1)
    static let usage = ExitCode(64)
    static let invalidModule = ExitCode(65)
    static let unreadableFile = ExitCode(66)
    static let linkFailed = ExitCode(67)
    static let trapped = ExitCode(70)
    static let guestError = ExitCode(71)
    static let limitExceeded = ExitCode(72)

    /// The exit code for an error of `kind`.
    static func of(_ kind: ErrorKind) -> ExitCode {
        switch kind {
        case .malformedModule, .invalidModule, .unsupportedFeature: invalidModule
        case .link: linkFailed
        case .badCall, .invalidJSON, .invalidManifest: usage
        case .trap: trapped
        case .guestError: guestError
        case .limitExceeded: limitExceeded
        case .unreadableFile: unreadableFile
        }
    }
}

/// Prints `error` to standard error and returns the exit code for its kind (64, bad usage,
/// for an error that is not a `HearthError`).
func report(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return (error as? any HearthError).map { ExitStatus.of($0.kind) } ?? ExitStatus.usage
}
