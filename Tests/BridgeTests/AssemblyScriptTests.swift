import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// AssemblyScript's runtime ABI on assemblyscript.wat, a module laid out exactly as asc lays
/// one out (asc cannot be installed here), with its sidecar assemblyscript.as.json.
@Suite struct AssemblyScriptTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func guest(trace: @escaping (String, [Double]) -> Void = { _, _ in }) throws -> AssemblyScriptGuest {
        let module = try Module(bytes: [UInt8](Data(contentsOf: fixtures.appendingPathComponent("assemblyscript.wasm"))))
        let sidecar = try JSON.parse(String(contentsOf: fixtures.appendingPathComponent("assemblyscript.as.json"), encoding: .utf8))
        return try AssemblyScriptGuest(module: module, signatures: try ASSignatures(json: sidecar), trace: trace)
    }

    @Test func recognisesTheRuntimeExports() throws {
        #expect(AssemblyScriptGuest.isAssemblyScript(try Self.guest().module))
        #expect(!AssemblyScriptGuest.isAssemblyScript(try BindingDiscoveryTests.module("greet")))
    }

    @Test func stringsGoInAndOutAsUTF16() throws {
        let guest = try Self.guest()
        #expect(try guest.call("greet", ["World"]) == "Hello, World!")
        #expect(try guest.call("greet", ["Zoë 🎉"]) == "Hello, Zoë 🎉!")
        #expect(try guest.call("strlen", ["🎉"]) == 2, "two UTF-16 code units")
        #expect(try guest.call("strlen", [""]) == 0)
    }

    @Test func arraysOfEveryKind() throws {
        let guest = try Self.guest()
        #expect(try guest.call("sumTyped", [[1, 2, 3, -4]]) == 2)
        #expect(try guest.call("sumArray", [[10, 20, 30]]) == 60)
        #expect(try guest.call("totalLength", [["ab", "", "cde"]]) == 5)
        #expect(try guest.call("range", [4]) == [0, 1, 2, 3])
        #expect(try guest.call("scale", [[1.5, -2, 0], 2]) == [3.0, -4.0, 0.0])
        #expect(try guest.call("bytes", [3]) == [0, 1, 2])
        #expect(try guest.call("byteLength", [[7, 8, 9, 10]]) == 4)
    }

    @Test func scalarsAndNull() throws {
        let guest = try Self.guest()
        #expect(try guest.call("negate", [true]) == false)
        #expect(try guest.call("double64", [JSON(Int64(1) << 40)]) == JSON(Int64(1) << 41))
        #expect(try guest.call("maybe", [true]) == "!")
        #expect(try guest.call("maybe", [false]) == .null)
    }

    /// The guest pins each object the host made for the call; pinning twice or unpinning an
    /// unpinned object would abort. Many calls in a row leave nothing pinned.
    @Test func objectsArePinnedForTheCallAndUnpinnedAfter() throws {
        let guest = try Self.guest()
        for index in 0..<200 {
            #expect(try guest.call("totalLength", [["x", "yy", .string(String(repeating: "z", count: index))]]) == JSON(3 + index))
        }
    }

    @Test func abortIsAnErrorWithTheGuestsMessageAndPlace() throws {
        let guest = try Self.guest()
        do {
            _ = try guest.call("fail", [])
            Issue.record("expected an abort")
        } catch let abort as AssemblyScriptAbort {
            #expect(abort.guestMessage == "boom")
            #expect(abort.file == "assembly/index.ts")
            #expect(abort.line == 12 && abort.column == 5)
            #expect("\(abort)".contains("HEARTH-E403 guest error: abort: boom at assembly/index.ts:12:5"))
        }
        // After an abort the runtime's state is unknown (a real asc module's shadow stack is not
        // unwound): that guest refuses calls; a new one works.
        #expect { try guest.call("greet", ["again"]) } throws: { "\($0)".contains("unusable after an earlier failure") }
        #expect(try Self.guest().call("greet", ["again"]) == "Hello, again!")
    }

    @Test func traceAndSeedAreProvided() throws {
        var traced: [(String, [Double])] = []
        let guest = try Self.guest { traced.append(($0, $1)) }
        _ = try guest.call("traced", [])
        #expect(traced.count == 1)
        #expect(traced.first?.0 == "traced")
        #expect(traced.first?.1 == [1.5, 2.5])
    }

    @Test func badResultsAreErrorsNamingTheFunction() throws {
        let guest = try Self.guest()
        #expect { try guest.call("outside", []) } throws: { "\($0)".contains("the result of outside lies outside the guest's memory") }
        #expect { try guest.call("odd", []) } throws: { "\($0)".contains("the result of odd is not UTF-16") }
        // A lone surrogate (allowed in AssemblyScript strings) reads as U+FFFD.
        #expect(try guest.call("lone", []) == "a\u{FFFD}b")
        let broken = try Self.guest()
        _ = try broken.call("setHuge", [])
        #expect { try broken.call("huge", []) } throws: { "\($0)".contains("the result of huge lies outside the guest's memory") }
        #expect(try broken.call("greet", ["still"]) == "Hello, still!")
    }

    @Test func badCallsAndSidecarsAreErrors() throws {
        let guest = try Self.guest()
        #expect(throws: BridgeError.self) { try guest.call("greet", [42]) }
        #expect(throws: BridgeError.self) { try guest.call("greet", []) }
        #expect(throws: BridgeError.self) { try guest.call("nope", []) }
        #expect(throws: BridgeError.self) { try guest.call("sumTyped", [[1, "x"]]) }
        #expect(throws: BridgeError.self) { try ASSignatures(json: ["functions": ["f": ["parameters": ["Map<string, i32>"], "result": "void"]]]) }
        #expect(throws: BridgeError.self) { try ASSignatures(json: ["nothing": true]) }
        // Types do not nest: a deeply nested one is refused at once, not parsed recursively.
        let nested = String(repeating: "Array<", count: 100_000) + "i32" + String(repeating: ">", count: 100_000)
        #expect(throws: BridgeError.self) { try ASSignatures(json: ["functions": ["f": ["parameters": [.string(nested)], "result": "void"]]]) }
        #expect(ASType("string | null | null") == nil)
        // A result of another class than its type says is refused.
        #expect { try guest.call("wrongClass", []) } throws: { "\($0)".contains("is not a Int32Array (class id 4") }
    }
}
