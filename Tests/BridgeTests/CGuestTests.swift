import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
import TestSupport
@testable import Bridge

/// Every C example (examples/c, written with guest-abi/c/hearth_abi.h) called through the
/// bridge exactly as the Rust ones are: Hearth learns their bindings from the modules.
@Suite struct CGuestTests {
    static let examples = BindingDiscoveryTests.examples.deletingLastPathComponent().appendingPathComponent("c")

    static func module(_ name: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: examples.appendingPathComponent("\(name)/\(name).wasm"))))
    }

    static func guest(_ name: String) throws -> Guest { try Guest(module: try module(name)) }

    @Test func bindingsAreDiscoveredLikeTheRustOnes() throws {
        let c = try Bindings(module: try Self.module("greet"))
        let rust = try Bindings(module: try BindingDiscoveryTests.module("greet"))
        #expect(c.version.schema == "0.2.83")
        #expect(c.functions.map(\.description) == rust.functions.map(\.description))
        #expect(c.functions.map(\.description) == ["greet(name: string) -> string"])
        let calculator = try #require(try Bindings(module: try Self.module("calculator")).classes.first)
        #expect(calculator.description == "class Calculator {\n  constructor(initial: i32)\n  add(x: i32) -> i32\n  value() -> i32\n}")
        #expect(calculator.freeFunction == "__wbg_calculator_free")
        let result = try Bindings(module: try Self.module("result"))
        #expect(result.functions.map(\.description) == [
            "parse_positive(text: string) -> string throws", "checked_div(a: i32, b: i32) -> i32 throws",
            "validate(name: string) -> void throws", "always_throws(code: i32)",
        ])
    }

    /// A guest that made its store frees it when released: the store and the guest's
    /// instance refer to each other, which would otherwise keep both (and the memory's
    /// reserved address space) for ever.
    @Test func aReleasedGuestFreesItsStore() throws {
        weak var store: Store?
        do {
            let guest = try Self.guest("greet")
            store = guest.instance.store
            #expect(try guest.call("greet", ["x"]) == "Hello, x!")
        }
        #expect(store == nil)
    }

    @Test func greetTakesAndReturnsStrings() throws {
        let guest = try Self.guest("greet")
        #expect(try guest.call("greet", ["World"]) == "Hello, World!")
        #expect(try guest.call("greet", ["Zoë 🎉"]) == "Hello, Zoë 🎉!")
        #expect(try guest.call("greet", [""]) == "Hello, !")
        #expect(throws: BridgeError.self) { try guest.call("greet", [1]) }
    }

    /// The bump arena goes back after each call: 3,000 greetings of 1 KB do not grow memory.
    @Test func theArenaIsResetAfterEveryCall() throws {
        let guest = try Self.guest("greet")
        let name = String(repeating: "é", count: 512)
        #expect(try guest.call("greet", [.string(name)]) == .string("Hello, \(name)!"))
        let size = guest.memorySize
        for index in 0..<3_000 {
            let text = "\(index)" + name
            #expect(try guest.call("greet", [.string(text)]) == .string("Hello, \(text)!"))
        }
        #expect(guest.memorySize == size)
    }

    @Test func calculatorsLiveBehindHandlesAcrossCalls() throws {
        let guest = try Self.guest("calculator")
        let first = try guest.construct("Calculator", [10])
        #expect(try first.call("add", [5]) == 15)
        #expect(try first.call("value") == 15)
        let second = try guest.construct("Calculator", [-1])
        for _ in 0..<1_000 { _ = try second.call("add", [2]) }
        #expect(try second.call("value") == 1_999)
        #expect(try first.call("value") == 15, "other calls and arena resets leave an object alone")
        let size = guest.memorySize
        for index in 0..<1_000 {
            let object = try guest.construct("Calculator", [.integer(Int64(index))])
            #expect(try object.call("add", [1]) == .integer(Int64(index + 1)))
            try object.free()
        }
        #expect(guest.memorySize == size, "a freed object's memory is used again")
        #expect(try first.call("value") == 15)
        #expect(throws: BridgeError.self) { try first.call("add", ["five"]) }
    }

    @Test func resultsFailWithTheirMessage() throws {
        let guest = try Self.guest("result")
        #expect(try guest.call("parse_positive", ["42"]) == "42 is positive")
        #expect(try guest.call("parse_positive", [" 7 "]) == "7 is positive")
        for (input, message) in [("-3", "-3 is not positive"), ("x", "'x' is not a number"), ("0", "0 is not positive")] {
            do {
                _ = try guest.call("parse_positive", [.string(input)])
                Issue.record("expected an error for \(input)")
            } catch let error as GuestError {
                #expect(error.message == message)
                #expect(error.function == "parse_positive")
            }
        }
        #expect(try guest.call("checked_div", [7, 2]) == 3)
        #expect(throws: GuestError.self) { try guest.call("checked_div", [1, 0]) }
        #expect(throws: GuestError.self) { try guest.call("checked_div", [.integer(Int64(Int32.min)), -1]) }
        #expect(try guest.call("validate", ["a"]) == .null)
        do {
            _ = try guest.call("validate", [""])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "name must not be empty")
        }
        // A throw leaves the guest usable, call after call.
        for code in 0..<3 {
            do {
                _ = try guest.call("always_throws", [.integer(Int64(code))])
                Issue.record("expected a throw")
            } catch let error as GuestError {
                #expect(error.message == "this function always throws (\(code))")
            }
        }
        #expect(try guest.call("checked_div", [9, 3]) == 3)
    }

    /// Random arguments (ArgumentFuzzTests' generator) and random JSON-ish text: a result or a
    /// typed error, never a trap, and memory stays as it was after the first round.
    @Test func randomArgumentsNeverTrap() throws {
        var random = SplitMix(seed: 16)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\\u00e9", "\\", "1", "-0.5e3", "true", "null", " ", "\"name\"", "\"value\""]
        for example in ["greet", "calculator", "result", "process_json"] {
            let guest = try Self.guest(example)
            var size: Int?
            for round in 0..<2 {
                for function in guest.bindings.functions {
                    for _ in 0..<200 {
                        var arguments = (0..<function.signature.arguments.count).map { _ in ArgumentFuzzTests.randomJSON(&random) }
                        if example == "process_json" {
                            arguments = [.string((0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())]
                        }
                        do {
                            _ = try guest.call(function.name, arguments)
                        } catch is BridgeError {
                        } catch is GuestError {
                        }
                    }
                }
                if round == 0 { size = guest.memorySize } else { #expect(guest.memorySize == size, "\(example)") }
            }
        }
    }

    @Test func jsonTextInJSONTextOut() throws {
        let guest = try Self.guest("process_json")
        #expect(try guest.call("process_json", [#"{"a": [1, 2], "b": "x y", "processed": false}"#]) == #"{"a":[1,2],"b":"x y","processed":true}"#)
        #expect(try guest.call("process_json", ["{}"]) == #"{"processed":true}"#)
        #expect(try guest.call("process_json", [" [1, {\"k\": null}] "]) == #"{"value":[1,{"k":null}],"processed":true}"#)
        for bad in ["{bad", "[1,]", "\"open", "1 2", ""] {
            #expect(throws: GuestError.self, "\(bad)") { try guest.call("process_json", [.string(bad)]) }
        }
        #expect(try guest.call("handle", [#"{"name": "Ada", "value": 21}"#]) == #"{"message":"Hello, Ada","computed":42}"#)
        #expect(try guest.call("handle", [#"{"value": -4, "name": "\u00e9\"\n"}"#]) == #"{"message":"Hello, é\"\n","computed":-8}"#)
        do {
            _ = try guest.call("handle", [#"{"name": 1, "value": 2}"#])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "missing field `name` (a string)")
            #expect(error.function == "handle")
        }
        #expect(throws: GuestError.self) { try guest.call("handle", [#"{"name": "x", "value": 1.5}"#]) }
        #expect(throws: GuestError.self) { try guest.call("handle", ["[]"]) }
    }
}

/// C guests that break the ABI (Fixtures/c/hostile_c.c): errors that name the function, never
/// a crash, and the host (and, but for a trap, the guest) stays usable.
@Suite struct CHostileGuestTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/c/hostile_c.wasm")

    static func guest() throws -> Guest { try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: fixture)))) }

    @Test func badResultsAreErrorsNamingTheFunction() throws {
        let guest = try Self.guest()
        for (function, message) in [("pointer_outside", "outside its memory"), ("length_overflows", "outside its memory"),
                                    ("invalid_utf8", "not valid UTF-8")] {
            do {
                _ = try guest.call(function)
                Issue.record("expected an error from \(function)")
            } catch let error as BridgeError {
                #expect(error.message.hasPrefix(function) && error.message.contains(message), "\(error.message)")
            }
            #expect(try guest.call("echo", ["still here"]) == "still here")
        }
    }

    @Test func aDescribeFunctionThatLiesIsAnErrorNamingTheFunction() throws {
        let guest = try Self.guest()
        do {
            _ = try guest.call("liar", [5])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.hasPrefix("liar: its describe function says (i32) -> i32"), "\(error.message)")
        }
        #expect(try guest.call("echo", ["ok"]) == "ok")
    }

    @Test func aDescribeFunctionThatStopsEarlyIsAnErrorNamingIt() throws {
        let url = Self.fixture.deletingLastPathComponent().appendingPathComponent("bad_describe.wasm")
        do {
            _ = try Bindings(module: try Module(bytes: [UInt8](Data(contentsOf: url))))
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message == "hearth_abi_c (wasm-bindgen 0.2.83, schema 0.2.83): __wbindgen_describe_truncated: descriptor ended early: [11, 0, 2, 4]")
        }
    }

    @Test func aTrapInTheAllocatorPoisonsThatGuestOnly() throws {
        let guest = try Self.guest()
        do {
            _ = try guest.call("echo", ["thirteen byte"])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message == "echo: parameter text: the guest's allocator trapped (unreachable)")
        }
        #expect((guest.poisonedBy as? Trap)?.reason == .unreachable)
        #expect(throws: BridgeError.self) { try guest.call("echo", ["ok"]) }
        #expect(try Self.guest().call("echo", ["ok"]) == "ok")
    }
}

/// Every argument and result kind of hearth_abi.h (Fixtures/c/kinds.c), and its allocator
/// exports called the way a host may call them.
@Suite struct CGuestKindsTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/c/kinds.wasm")

    static func guest() throws -> Guest { try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: fixture)))) }

    @Test func everyKindCrossesTheBoundary() throws {
        let guest = try Self.guest()
        #expect(guest.bindings.functions.map(\.description) == [
            "touch()", "touches() -> i32", "count_true(a: bool, b: bool, c: bool, d: bool) -> u32", "largest_u32() -> u32",
            "twice(x: i64) -> i64", "half(x: f64) -> f64", "is_empty(text: string) -> bool", "reverse(data: bytes) -> bytes",
            "repeat(text: string, times: u32, separator: string) -> string",
        ])
        #expect(try guest.call("touch") == .null)
        #expect(try guest.call("touch") == .null)
        #expect(try guest.call("touches") == 2, "globals that are not arena memory keep their value")
        #expect(try guest.call("count_true", [true, false, true, true]) == 3)
        #expect(try guest.call("largest_u32") == .integer(Int64(UInt32.max)))
        #expect(try guest.call("twice", [.integer(-21)]) == -42)
        #expect(try guest.call("twice", [.integer(Int64(1) << 62)]) == .integer(Int64.min))
        #expect(try guest.call("half", [3]) == 1.5)
        #expect(try guest.call("is_empty", [""]) == true)
        #expect(try guest.call("is_empty", ["x"]) == false)
        #expect(try guest.call("reverse", [[1, 2, 255]]) == [255, 2, 1])
        #expect(try guest.call("reverse", [[]]) == [])
        #expect(try guest.call("repeat", ["ab", 3, ", "]) == "ab, ab, ab")
        #expect(try guest.call("repeat", ["ab", 0, ", "]) == "")
        let size = guest.memorySize
        #expect(try guest.call("repeat", ["abc", 100_000, ""]) == .string(String(repeating: "abc", count: 100_000)))
        #expect(guest.memorySize! - size! <= 11 * 65_536, "a builder grows in place: 300 KB of text, not the sum of its copies")
        #expect(throws: BridgeError.self) { try guest.call("reverse", [[256]]) }
    }

    @Test func theAllocatorExportsFollowWasmBindgensRules() throws {
        let guest = try Self.guest()
        let malloc = try guest.export("__wbindgen_malloc").typed(Int32.self, returning: Int32.self)
        let realloc = try guest.export("__wbindgen_realloc").typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        let free = try guest.export("__wbindgen_free").typed(Int32.self, Int32.self)
        let first = try malloc(5)
        #expect(first % 8 == 0)
        try guest.memory.write(Array("hello".utf8), at: Int(first))
        // The newest block grows in place; an older one moves, keeping its bytes.
        #expect(try realloc(first, 5, 300) == first)
        let second = try malloc(3)
        let moved = try realloc(first, 300, 400)
        #expect(moved != first && moved > second)
        #expect(try guest.memory.read(at: Int(moved), count: 5) == Array("hello".utf8))
        try free(second, 3)
        try free(moved, 400)
        // Everything the host allocated is free again: the arena starts over where it was.
        let size = guest.memorySize
        for _ in 0..<100 {
            let block = try malloc(60_000)
            try free(block, 60_000)
        }
        #expect(guest.memorySize == size)
        #expect(try guest.call("repeat", ["x", 2, "-"]) == "x-x")
    }
}
