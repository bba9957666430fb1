import AllocationCounter
import Foundation
import Testing
import HearthWASI
import WasmBinary
import WasmEngine

@Suite struct WASITests {
    static let module: Module = try! Module(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/wasi.wasm"))))

    /// An instance of the fixture with `wasi`'s functions, for calling single exports.
    static func instance(_ wasi: WASI) throws -> Instance {
        var linker = Linker()
        wasi.define(in: &linker)
        return try linker.instantiate(module, in: Store())
    }

    @Test func aCommandSeesOnlyWhatItIsGivenAndExitsWithItsCode() throws {
        let output = WASIOutputBuffer()
        let errors = WASIOutputBuffer()
        let wasi = try WASI(configuration: WASIConfiguration(
            arguments: ["prog", "7", "héllo"], environment: [("A", "1"), ("PATH", "/x")],
            standardInput: .bytes(Array("a line of input longer than sixteen bytes\n".utf8)),
            standardOutput: .buffer(output), standardError: .buffer(errors)))
        #expect(try wasi.run(Self.module, in: Store()) == 7)
        #expect(output.text == "prog\07\0héllo\0A=1\0PATH=/x\0a line of input longer than sixteen bytes\n")
        #expect(errors.text == "err")
        // One variable: the exit code still comes from argv[1], not the environment's count.
        let quiet = try WASI(configuration: WASIConfiguration(arguments: ["prog", "3"], environment: [("A", "1")]))
        #expect(try quiet.run(Self.module, in: Store()) == 3)
    }

    @Test func startReturningMeansExitCodeZero() throws {
        let output = WASIOutputBuffer()
        let wasi = try WASI(configuration: WASIConfiguration(standardOutput: .buffer(output)))
        #expect(try wasi.run(Self.module, in: Store()) == 0)
        #expect(output.bytes.isEmpty, "no arguments, no environment, empty input")
    }

    @Test func badDescriptorsAndPointersAreErrnosNotTraps() throws {
        let output = WASIOutputBuffer()
        let instance = try Self.instance(try WASI(configuration: WASIConfiguration(standardOutput: .buffer(output))))
        let write = try instance.function(named: "write_to")!.typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try write(5, 0, 1) == Errno.badf.rawValue)
        #expect(try write(5, 0, 0) == Errno.badf.rawValue, "even when nothing is written")
        #expect(try write(0, 0, 1) == Errno.badf.rawValue, "standard input is not for writing")
        #expect(try write(1, 65_530, 100) == Errno.fault.rawValue, "the buffer runs past the memory's end")
        let through = try instance.function(named: "write_through")!.typed(Int32.self, returning: Int32.self)
        #expect(try through(65_535) == Errno.fault.rawValue, "the iovec itself is outside the memory")
        #expect(output.bytes.isEmpty)
        let seek = try instance.function(named: "seek")!.typed(Int32.self, returning: Int32.self)
        #expect(try seek(1) == Errno.spipe.rawValue)
        #expect(try seek(9) == Errno.badf.rawValue)
    }

    /// A short `fd_write` costs what the write costs: no allocation on the way (counted over
    /// 1,000 writes from the guest to a writer that keeps nothing, after one to warm up).
    /// The same count over `.buffer` output sees its array grow, or the counter is blind.
    @Test(.enabled(if: allocation_counting_available() == 1))
    func writingALineDoesNotAllocate() throws {
        func allocations(_ output: WASIOutput) throws -> UInt64 {
            let instance = try Self.instance(try WASI(configuration: WASIConfiguration(standardOutput: output)))
            let lines = try instance.function(named: "write_lines")!.typed(Int32.self, returning: Int32.self)
            #expect(try lines(1) == 0)
            let before = allocation_count()
            #expect(try lines(1000) == 0)
            return allocation_count() - before
        }
        #expect(try allocations(.writer { _ in }) <= 1, "at most the call into the guest")
        #expect(try allocations(.buffer(WASIOutputBuffer())) > 1)
    }

    @Test func clocksTellTimeAndRefuseUnknownIDs() throws {
        let instance = try Self.instance(try WASI())
        let time = try instance.function(named: "time")!.typed(Int32.self, returning: Int32.self)
        let memory = try #require(instance.memory(named: "memory"))
        func stored() throws -> UInt64 {
            try memory.read(at: 64, count: 8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        #expect(try time(0) == 0)
        let now = UInt64(Date().timeIntervalSince1970 * 1e9)
        #expect(try stored() > now - 60_000_000_000 && stored() < now + 60_000_000_000, "realtime is the wall clock")
        #expect(try time(1) == 0)
        let first = try stored()
        #expect(try time(1) == 0)
        #expect(try stored() >= first, "monotonic does not go back")
        #expect(try time(2) == 0)
        #expect(try time(4) == Errno.inval.rawValue)
        let timeAt = try instance.function(named: "time_at")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try timeAt(0, 65_532) == Errno.fault.rawValue)
    }

    @Test func randomBytesFillTheBuffer() throws {
        let instance = try Self.instance(try WASI())
        let random = try instance.function(named: "random")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let memory = try #require(instance.memory(named: "memory"))
        #expect(try random(100, 64) == 0)
        let first = try memory.read(at: 100, count: 64)
        #expect(try random(100, 64) == 0)
        #expect(try memory.read(at: 100, count: 64) != first)
        #expect(first.contains { $0 != 0 })
        #expect(try random(65_500, 64) == Errno.fault.rawValue)
        #expect(try random(0, 10_000) == 0, "more than one chunk")
    }

    @Test func aModuleImportingWhatIsNotProvidedFailsToLinkNamingIt() throws {
        // `fd_frobnicate` is not a preview 1 function.
        let bytes: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
            0x02, 0x28, 0x01, 0x16] + Array("wasi_snapshot_preview1".utf8) + [0x0D] + Array("fd_frobnicate".utf8) + [0x00, 0x00]
        let module = try Module(bytes: bytes)
        let error = try #require(throws: LinkError.self) { try WASI().run(module, in: Store()) }
        #expect(error.message.contains("fd_frobnicate"))
    }
}

/// The official WASI preview 1 testsuite (../shared/wasi-testsuite, next to the repository):
/// all 72 programs run as their JSON says (arguments, environment, a fresh writable copy of
/// their `root` pre-opened as `/`, exit code, output), and every one must pass.
@Suite struct WASITestsuiteTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/wasi-testsuite")

    @Test func everyTestPasses() throws {
        var passed: [String] = []
        var failed: [String] = []
        for language in ["c", "rust", "assemblyscript"] {
            let folder = Self.suite.appendingPathComponent(language)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wasm") }.sorted()
            for name in names {
                let test = "\(language)/\(name)"
                if let failure = try Self.run(name, in: folder) {
                    failed.append("\(test): \(failure)")
                } else {
                    passed.append(test)
                }
            }
        }
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
        #expect(passed.count == 72, "passed \(passed.count) of 72")
        print("wasi-testsuite: \(passed.count) passed, \(failed.count) failed")
    }

    /// Runs one test; nil when it passes, else what went wrong.
    static func run(_ name: String, in folder: URL) throws -> String? {
        let spec = folder.appendingPathComponent(name.replacingOccurrences(of: ".wasm", with: ".json"))
        let config = (try? JSONSerialization.jsonObject(with: Data(contentsOf: spec))) as? [String: Any] ?? [:]
        var directories: [PreopenedDirectory] = []
        var scratch: URL?
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        if let root = config["root"] as? String {
            let copy = try freshCopy(of: folder.appendingPathComponent(root))
            scratch = copy.deletingLastPathComponent()
            directories.append(PreopenedDirectory(hostPath: copy.path, guestPath: "/"))
        }
        let output = WASIOutputBuffer()
        let errors = WASIOutputBuffer()
        let environment = (config["env"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        let wasi = try WASI(configuration: WASIConfiguration(
            arguments: [name] + (config["args"] as? [String] ?? []), environment: environment,
            preopenedDirectories: directories, standardOutput: .buffer(output), standardError: .buffer(errors)))
        let module = try Module(bytes: [UInt8](Data(contentsOf: folder.appendingPathComponent(name))))
        let code: UInt32
        do {
            code = try wasi.run(module, in: Store())
        } catch {
            return "\(error); stderr \(errors.text.debugDescription)"
        }
        let expectedCode = config["exit_code"] as? Int ?? 0
        let stdoutMatches = (config["stdout"] as? String).map { $0 == output.text } ?? true
        let stderrMatches = (config["stderr"] as? String).map { $0 == errors.text } ?? true
        guard Int(code) == expectedCode && stdoutMatches && stderrMatches else {
            return "exit \(code) (expected \(expectedCode)), stdout \(output.text.debugDescription), stderr \(errors.text.debugDescription)"
        }
        return nil
    }

    /// A writable copy of `directory` in a new temporary folder, without the `*.cleanup`
    /// leftovers the testsuite's README says to delete.
    static func freshCopy(of directory: URL) throws -> URL {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("hearth-wasi-\(UUID().uuidString)")
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        let copy = scratch.appendingPathComponent(directory.lastPathComponent)
        try manager.copyItem(at: directory, to: copy)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        for case let item as String in manager.enumerator(atPath: copy.path)! {
            let path = copy.appendingPathComponent(item).path
            if item.hasSuffix(".cleanup") {
                try manager.removeItem(atPath: path)
                continue
            }
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
            try manager.setAttributes([.posixPermissions: isDirectory.boolValue ? 0o755 : 0o644], ofItemAtPath: path)
        }
        return copy
    }
}
