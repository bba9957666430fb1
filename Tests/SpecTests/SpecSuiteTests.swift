import Foundation
import Hearth
import SpecTestRunner
import Testing

/// The official core testsuite (../shared/spectest, next to the repository).
enum SpecSuite {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/spectest")

    static var wasm2Scripts: [String] {
        SpecTestRunner.scripts(at: root.appendingPathComponent("wasm2").path)
    }

    /// The 3.0 suite's new and changed scripts (see ../shared/spectest/README.md).
    static var wasm3Scripts: [String] {
        SpecTestRunner.scripts(at: root.appendingPathComponent("wasm3").path)
    }

    /// The proposals of 3.0 Hearth does not implement yet, whose modules the 3.0 suite skips.
    static let skippableFeatures: Set<WasmFeature> = [.gc, .memory64, .relaxedSIMD]
}

@Suite struct SpecSuiteTests {
    @Test func suiteIsPresent() {
        #expect(SpecSuite.wasm2Scripts.count == 148, "expected the 148 scripts of ../shared/spectest/wasm2")
    }

    /// Every command of every 2.0 script passes, SIMD included; only text modules are skipped.
    @Test(arguments: SpecSuite.wasm2Scripts)
    func script(_ path: String) {
        let result = SpecTestRunner().run(script: path)
        #expect(result.tally.failed == 0, "\(result.failures.joined(separator: "\n"))")
        #expect(result.tally.skippedUnsupported == 0, "\(result.unsupported.joined(separator: "\n"))")
        #expect(result.tally.skippedTextModules == SpecSuite.textModuleCommands(in: path), "skips other than text-format modules")
        #expect(result.tally.passed + result.tally.skipped == SpecSuite.commandCount(in: path), "every command ran")
    }

    @Test func suite3IsPresent() {
        #expect(SpecSuite.wasm3Scripts.count == 145, "expected the 145 scripts of ../shared/spectest/wasm3")
    }

    /// Every command of every 3.0 script passes, but those on modules that exist only in the
    /// text format or use GC, memory64 or relaxed SIMD.
    @Test(arguments: SpecSuite.wasm3Scripts)
    func script3(_ path: String) {
        let result = SpecTestRunner().run(script: path)
        #expect(result.tally.failed == 0, "\(result.failures.joined(separator: "\n"))")
        #expect(result.tally.skippedUnsupported == 0, "\(result.unsupported.joined(separator: "\n"))")
        #expect(Set(result.tally.skippedFeatures.keys).isSubset(of: SpecSuite.skippableFeatures), "skipped for \(result.tally.skippedFeatures)")
        #expect(result.tally.passed + result.tally.skipped == SpecSuite.commandCount(in: path), "every command ran")
    }
}

extension SpecSuite {
    static func commands(in path: String) -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = json["commands"] as? [[String: Any]] else { return [] }
        return commands
    }

    static func commandCount(in path: String) -> Int { commands(in: path).count }

    /// Commands whose module exists only in the text format (no binary to load).
    static func textModuleCommands(in path: String) -> Int {
        commands(in: path).filter { $0["module_type"] as? String == "text" && $0["binary_filename"] == nil }.count
    }
}
