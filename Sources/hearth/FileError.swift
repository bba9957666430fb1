import Foundation
import Hearth

/// A file that could not be read.
struct FileError: HearthError {
    static let code = "HEARTH-E105"
    var code: String { Self.code }
    var kind: ErrorKind { .unreadableFile }
    var path: String
    var message: String { path }
    var remedy: String? { "check the path and that the file is readable" }
}

func readModuleBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw FileError(path: path) }
    return [UInt8](data)
}
