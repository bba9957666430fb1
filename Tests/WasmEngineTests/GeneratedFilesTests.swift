import Foundation
import Testing

@Suite struct GeneratedFilesTests {
    /// The opcode tables and handlers are generated from Utilities/instructions.py; editing
    /// one side without regenerating must fail.
    @Test func generatedFilesAreUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Utilities/generate.py").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message) — run python3 Utilities/generate.py")
    }
}
