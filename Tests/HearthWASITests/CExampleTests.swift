import Foundation
import Testing
import HearthWASI
import WasmBinary
import WasmEngine

/// examples/c/wasi_read: C with wasi-libc (zig cc) reading a file from a pre-opened directory.
@Suite struct CExampleTests {
    static let module: Module = try! Module(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/c/wasi_read/wasi_read.wasm"))))

    @Test func readsAFileFromAPreopenedDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-wasi-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = String(repeating: "a line from the host\n", count: 300)
        try text.write(to: directory.appendingPathComponent("hello.txt"), atomically: true, encoding: .utf8)
        func run(_ path: String) throws -> (UInt32, String, String) {
            let output = WASIOutputBuffer()
            let errors = WASIOutputBuffer()
            let wasi = try WASI(configuration: WASIConfiguration(
                arguments: ["wasi_read", path],
                preopenedDirectories: [PreopenedDirectory(hostPath: directory.path, guestPath: "/data", readOnly: true)],
                standardOutput: .buffer(output), standardError: .buffer(errors)))
            return (try wasi.run(Self.module, in: Store()), output.text, errors.text)
        }
        let (code, output, errors) = try run("/data/hello.txt")
        #expect(code == 0)
        #expect(output == text)
        #expect(errors == "read \(text.utf8.count) bytes from /data/hello.txt\n")
        let (missingCode, missingOutput, missingErrors) = try run("/data/missing.txt")
        #expect(missingCode == 1)
        #expect(missingOutput.isEmpty)
        #expect(missingErrors.hasPrefix("/data/missing.txt: "))
        let (outsideCode, _, _) = try run("/etc/passwd")
        #expect(outsideCode == 1, "nothing outside the pre-opened directory")
    }
}
