import Foundation
import SpecTestRunner
import Testing

/// The runner's own checks: each command below must fail when the module, error, reason or
/// value is not the one the command names. (The spec suite only shows that they pass.)
@Suite struct SpecTestRunnerTests {
    static func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] { [id, UInt8(contents.count)] + contents }
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    /// Exports "null" and "func" (() -> funcref: null, function 1), "extern" and "id"
    /// ((externref) -> externref and (i32) -> i32, both the identity).
    static let references = header
        + section(1, [0x03, 0x60, 0x00, 0x01, 0x70, 0x60, 0x01, 0x6F, 0x01, 0x6F, 0x60, 0x01, 0x7F, 0x01, 0x7F])
        + section(3, [0x04, 0x00, 0x00, 0x01, 0x02])
        + section(7, [0x04,
                      0x04, 0x6E, 0x75, 0x6C, 0x6C, 0x00, 0x00,
                      0x04, 0x66, 0x75, 0x6E, 0x63, 0x00, 0x01,
                      0x06, 0x65, 0x78, 0x74, 0x65, 0x72, 0x6E, 0x00, 0x02,
                      0x02, 0x69, 0x64, 0x00, 0x03])
        + section(9, [0x01, 0x03, 0x00, 0x01, 0x01])  // declares function 1 for ref.func
        + section(10, [0x04,
                       0x04, 0x00, 0xD0, 0x70, 0x0B,  // ref.null func
                       0x04, 0x00, 0xD2, 0x01, 0x0B,  // ref.func 1
                       0x04, 0x00, 0x20, 0x00, 0x0B,  // local.get 0
                       0x04, 0x00, 0x20, 0x00, 0x0B])
    /// Decodes, but its function leaves an i32 where it should leave nothing.
    static let invalid = header + section(1, [0x01, 0x60, 0x00, 0x00]) + section(3, [0x01, 0x00])
        + section(10, [0x01, 0x04, 0x00, 0x41, 0x00, 0x0B])
    /// Its one function's body holds the opcode 0xFF, which does not exist.
    static let malformedBody = header + section(1, [0x01, 0x60, 0x00, 0x00]) + section(3, [0x01, 0x00])
        + section(10, [0x01, 0x03, 0x00, 0xFF, 0x0B])
    /// Its start function executes `unreachable`.
    static let trapsOnStart = header + section(1, [0x01, 0x60, 0x00, 0x00]) + section(3, [0x01, 0x00])
        + section(8, [0x00]) + section(10, [0x01, 0x03, 0x00, 0x00, 0x0B])

    /// Runs one script of `commands` with the modules above as files.
    static func run(_ commands: [String]) throws -> SpecTestRunner.ScriptResult {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hearth-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in ["references": references, "invalid": invalid, "malformed": malformedBody, "start": trapsOnStart] {
            try Data(bytes).write(to: directory.appendingPathComponent("\(name).wasm"))
        }
        let script = directory.appendingPathComponent("script.json")
        try Data("{\"commands\": [\(commands.joined(separator: ","))]}".utf8).write(to: script)
        return SpecTestRunner().run(script: script.path)
    }

    static func rejected(_ type: String, _ file: String, _ text: String) -> String {
        #"{"type": "\#(type)", "line": 1, "filename": "\#(file).wasm", "module_type": "binary", "text": "\#(text)"}"#
    }

    static func invoke(_ field: String, _ argument: String?, expecting expected: String) -> String {
        let arguments = argument.map { "[\($0)]" } ?? "[]"
        return #"{"type": "assert_return", "line": 1, "action": {"type": "invoke", "field": "\#(field)", "args": \#(arguments)}, "expected": [\#(expected)]}"#
    }

    static let loadReferences = #"{"type": "module", "line": 1, "filename": "references.wasm", "module_type": "binary"}"#

    @Test func aMalformedModuleMustFailToDecodeForTheGivenReason() throws {
        #expect(try Self.run([Self.rejected("assert_malformed", "malformed", "illegal opcode")]).tally.passed == 1)
        // A validation error is not a decoding error, nor is a decoding error for another reason.
        #expect(try Self.run([Self.rejected("assert_malformed", "invalid", "type mismatch")]).tally.failed == 1)
        #expect(try Self.run([Self.rejected("assert_malformed", "malformed", "unexpected end")]).tally.failed == 1)
        #expect(try Self.run([Self.rejected("assert_malformed", "references", "illegal opcode")]).tally.failed == 1)
    }

    @Test func anInvalidModuleMustFailToValidateForTheGivenReason() throws {
        #expect(try Self.run([Self.rejected("assert_invalid", "invalid", "type mismatch")]).tally.passed == 1)
        #expect(try Self.run([Self.rejected("assert_invalid", "malformed", "illegal opcode")]).tally.failed == 1)
        #expect(try Self.run([Self.rejected("assert_invalid", "invalid", "unknown local")]).tally.failed == 1)
    }

    @Test func anUninstantiableModuleMustTrapForTheGivenReason() throws {
        #expect(try Self.run([Self.rejected("assert_uninstantiable", "start", "unreachable")]).tally.passed == 1)
        #expect(try Self.run([Self.rejected("assert_uninstantiable", "start", "integer divide by zero")]).tally.failed == 1)
    }

    @Test func aReasonMatchesWholeWordsOnly() throws {
        let result = try Self.run([Self.rejected("assert_invalid", "invalid", "type mis")])
        #expect(result.tally.failed == 1)
    }

    @Test func anUnreadableArgumentFailsTheCommand() throws {
        let id = { (value: String) in Self.invoke("id", #"{"type": "i32", "value": "\#(value)"}"#, expecting: #"{"type": "i32", "value": "0"}"#) }
        // Once read as 0, each of these passed.
        let result = try Self.run([Self.loadReferences, id("0"), id("zero"), id("4294967296"), id("")])
        #expect(result.tally.passed == 2)
        #expect(result.tally.failed == 3)
    }

    @Test func aFuncrefIsComparedForWhatItIs() throws {
        let result = try Self.run([
            Self.loadReferences,
            Self.invoke("null", nil, expecting: #"{"type": "funcref", "value": "null"}"#),
            Self.invoke("func", nil, expecting: #"{"type": "funcref"}"#),
            Self.invoke("null", nil, expecting: #"{"type": "funcref"}"#),
            Self.invoke("func", nil, expecting: #"{"type": "funcref", "value": "null"}"#),
            // A script cannot name the function, so a value other than null is unreadable.
            Self.invoke("func", nil, expecting: #"{"type": "funcref", "value": "1"}"#),
        ])
        #expect(result.tally.passed == 3, "\(result.failures)")
        #expect(result.tally.failed == 3)
    }

    @Test func anExternrefIsComparedByItsHostValue() throws {
        let extern = { (argument: String, expected: String) in
            Self.invoke("extern", #"{"type": "externref", "value": "\#(argument)"}"#, expecting: #"{"type": "externref"\#(expected)}"#)
        }
        let result = try Self.run([
            Self.loadReferences,
            extern("5", #", "value": "5""#),
            extern("5", ""),
            extern("null", #", "value": "null""#),
            extern("5", #", "value": "6""#),
            extern("5", #", "value": "null""#),
            extern("null", ""),
            extern("null", #", "value": "0""#),
        ])
        #expect(result.tally.passed == 4, "\(result.failures)")
        #expect(result.tally.failed == 4)
    }

    @Test func skipsAreCountedByReason() throws {
        let result = try Self.run([
            #"{"type": "assert_malformed", "line": 1, "filename": "x.wat", "module_type": "text", "text": "unknown operator"}"#,
            #"{"type": "thread", "line": 2, "name": "T"}"#,
        ])
        #expect(result.tally.skippedTextModules == 1)
        #expect(result.tally.skippedUnsupported == 1)
        #expect(result.unsupported == ["line 2: thread: unsupported command"])
        #expect(result.tally.summary == "0 passed, 0 failed, 2 skipped (1 text format, 1 unsupported)")
    }
}
