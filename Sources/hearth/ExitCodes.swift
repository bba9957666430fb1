import ArgumentParser
import Foundation
import Hearth
import WasmEngine

/// The CLI's exit codes (documented in `hearth --help` and docs/errors.md).
enum ExitStatus {
    static let testsFailed = ExitCode(1)
    static let usage = ExitCode(64)
    static let invalidModule = ExitCode(65)
    static let unreadableFile = ExitCode(66)
    static let linkFailed = ExitCode(67)
    static let trapped = ExitCode(70)
    static let guestError = ExitCode(71)
}

/// Prints `error` to standard error and returns the exit code for its kind.
func report(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    switch error {
    case is WasmBinaryError, is WasmEngine.ValidationError: return ExitStatus.invalidModule
    case is LinkError: return ExitStatus.linkFailed
    case is BridgeError: return ExitStatus.usage
    case is GuestError: return ExitStatus.guestError
    case is Trap: return ExitStatus.trapped
    case is FileError: return ExitStatus.unreadableFile
    default: return ExitStatus.usage
    }
}

/// A file that could not be read.
struct FileError: Error, CustomStringConvertible {
    static let code = "HEARTH-E105"
    var path: String
    var description: String { "\(Self.code) cannot read file \(path)" }
}

func readModuleBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw FileError(path: path) }
    return [UInt8](data)
}
