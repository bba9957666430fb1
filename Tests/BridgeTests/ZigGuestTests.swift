import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// Every export of every Zig example (examples/zig, built with guest-abi/zig) called through
/// the Swift API, as GuestTests calls the Rust ones: discovered bindings, no signature by hand.
@Suite struct ZigGuestTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/zig")

    static func module(_ name: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: examples.appendingPathComponent("\(name)/\(name).wasm"))))
    }

    static func guest(_ name: String) throws -> Guest {
        try Guest(module: try module(name))
    }

    /// The arena's top, as the guest's allocator would place the next block.
    static func nextBlock(_ guest: Guest) throws -> Int32 {
        let malloc = try guest.export("__wbindgen_malloc").typed(Int32.self, returning: Int32.self)
        let free = try guest.export("__wbindgen_free").typed(Int32.self, Int32.self)
        let pointer = try malloc(1)
        try free(pointer, 1)
        return pointer
    }

    @Test func bindingsAreDiscoveredLikeARustModules() throws {
        let greet = try Bindings(module: try Self.module("greet"))
        #expect(greet.version == .v0_2_83)
        #expect(greet.functions.map(\.name) == ["greet"])
        #expect(greet.functions[0].argumentNames == ["name"])
        #expect(greet.functions[0].signature.description == "(string) -> string")
        let rust = try Bindings(module: try BindingDiscoveryTests.module("greet"))
        #expect(greet.functions[0].signature == rust.functions[0].signature, "the same descriptor words as wasm-bindgen's")
        let calculator = try Bindings(module: try Self.module("calculator"))
        let type = try #require(calculator.classes.first)
        #expect(type.name == "Calculator")
        #expect(type.fields.map(\.name) == ["steps"])
        #expect(type.constructor?.argumentNames == ["initial"])
        #expect(Set(type.methods.map(\.function.name)) == ["add", "value", "steps_taken", "set_name", "name_text", "absorb", "equals", "zero", "finish"])
        #expect(type.methods.first { $0.function.name == "finish" }?.receiver == .consumed)
        #expect(type.methods.first { $0.function.name == "zero" }?.receiver == BoundClass.Receiver.none)
        #expect(type.methods.first { $0.function.name == "add" }?.receiver == .borrowed)
        let results = try Bindings(module: try Self.module("result"))
        #expect(results.functions.first { $0.name == "checked_div" }?.signature.description == "(i32, i32) -> i32 throws")
        #expect(results.functions.first { $0.name == "first_word" }?.signature.description == "(string) -> string?")
    }

    @Test func greetTakesAndReturnsStrings() throws {
        let guest = try Self.guest("greet")
        #expect(try guest.call("greet", ["World"]) == "Hello, World!")
        let typed: String = try guest.call("greet", "Zoë 🎉")
        #expect(typed == "Hello, Zoë 🎉!")
        #expect(try guest.call("greet", [""]) == "Hello, !")
        let long = String(repeating: "x", count: 200_000)
        #expect(try guest.call("greet", [.string(long)]) == .string("Hello, \(long)!"), "the arena grows the memory")
    }

    @Test func theArenaIsResetAfterEachCall() throws {
        let guest = try Self.guest("greet")
        _ = try guest.call("greet", ["warm up"])
        let top = try Self.nextBlock(guest)
        for index in 0..<100 {
            _ = try guest.call("greet", [.string(String(repeating: "y", count: index * 10))])
        }
        #expect(try Self.nextBlock(guest) == top, "arguments, temporaries and results are all given back")
    }

    @Test func classesLiveBehindHandlesAndAreFreed() throws {
        let guest = try Self.guest("calculator")
        let top = try Self.nextBlock(guest)
        let calculator = try guest.construct("Calculator", [10])
        #expect(try calculator.call("add", [5]) == 15)
        #expect(try calculator.call("add", [-20]) == -5)
        #expect(try calculator.call("value") == -5)
        #expect(try calculator.call("steps_taken") == 2)
        #expect(try calculator.get("steps") == 2, "a public field, through its generated getter")
        try calculator.set("steps", to: 40)
        #expect(try calculator.call("steps_taken") == 40)
        #expect(throws: BridgeError.self) { try calculator.set("steps", to: -1) }
        #expect(throws: BridgeError.self) { try calculator.get("nope") }
        try calculator.set("steps", to: 2)
        _ = try calculator.call("set_name", ["ada"])
        _ = try calculator.call("add", [0])
        #expect(try calculator.call("name_text") == "ada", "kept memory outlives the call's reset")
        _ = try calculator.call("set_name", ["grace"])
        #expect(try calculator.call("name_text") == "grace")
        let zero = try guest.callStatic("Calculator", "zero")
        let other = try guest.object(className: "Calculator", handle: UInt32(try #require(zero["handle"]?.integerValue)))
        #expect(try other.call("add", [-5]) == -5)
        _ = try other.call("set_name", ["absorbed"])
        #expect(try calculator.call("equals", [other.json]) == true)
        #expect(other.handle != 0, "a borrowed argument stays usable")
        #expect(try calculator.call("absorb", [other.json]) == -10)
        #expect(other.handle == 0, "a by-value argument is used up")
        #expect(try calculator.call("finish") == -10)
        #expect(calculator.handle == 0, "a consuming method uses the object up")
        #expect(throws: BridgeError.self) { try calculator.call("value") }
        let freed = try guest.construct("Calculator", [1])
        _ = try freed.call("set_name", ["freed"])
        try freed.free()
        try freed.free()
        #expect(try Self.nextBlock(guest) == top, "every object's memory came back, and deinit gave back the names")
    }

    @Test func aHandleThatIsNotALiveObjectIsAGuestErrorNamingTheFunction() throws {
        let guest = try Self.guest("calculator")
        let live = try guest.construct("Calculator", [3])
        #expect(throws: BridgeError.self, "the host refuses handle 0 itself") { try live.call("equals", [["class": "Calculator", "handle": 0]]) }
        for handle: UInt32 in [8, 12_345, live.handle + 4, 0xFFFF_FFF0] {
            let fake = try guest.object(className: "Calculator", handle: handle)
            do {
                _ = try fake.call("value")
                Issue.record("expected an error for handle \(handle)")
            } catch let error as GuestError {
                #expect(error.function == "value")
                #expect(error.message.contains("not a live object"))
            }
            #expect(throws: GuestError.self) { try live.call("equals", [fake.json]) }
            #expect(throws: GuestError.self) { try fake.get("steps") }
            #expect(throws: GuestError.self) { try fake.set("steps", to: 1) }
        }
        let freed = try guest.construct("Calculator", [1])
        let stale = freed.handle
        try freed.free()
        #expect(throws: GuestError.self) { try guest.object(className: "Calculator", handle: stale).call("value") }
        #expect(try live.call("add", [1]) == 4, "the guest is still usable")
        #expect(guest.liveJsValues == 0)
    }

    @Test func jsonTextInAndOut() throws {
        let guest = try Self.guest("process_json")
        let processed = try JSON.parse(try #require(try guest.call("process_json", [#"{"a":1}"#]).stringValue))
        #expect(processed == ["a": 1, "processed": true])
        let wrapped = try JSON.parse(try #require(try guest.call("process_json", ["[1,2]"]).stringValue))
        #expect(wrapped == ["value": [1, 2], "processed": true])
        let answer = try JSON.parse(try #require(try guest.call("handle", [#"{"name":"Ada","value":21}"#]).stringValue))
        #expect(answer == ["message": "Hello, Ada", "computed": 42])
        do {
            _ = try guest.call("handle", [#"{"name":1}"#])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.function == "handle")
            #expect(error.message.hasPrefix("invalid request: "))
        }
        #expect(throws: GuestError.self) { try guest.call("process_json", ["{oops"]) }
        #expect(guest.liveJsValues == 0)
    }

    @Test func errorsComeBackAsGuestErrorsWithTheirMessage() throws {
        let guest = try Self.guest("result")
        #expect(try guest.call("parse_positive", [" 42 "]) == "42 is positive")
        for (input, message) in [("-3", "-3 is not positive"), ("x", "'x' is not a number")] {
            do {
                _ = try guest.call("parse_positive", [.string(input)])
                Issue.record("expected an error")
            } catch let error as GuestError {
                #expect(error.message == message)
                #expect(error.function == "parse_positive")
            }
        }
        #expect(try guest.call("checked_div", [7, 2]) == 3)
        do {
            _ = try guest.call("checked_div", [1, 0])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "division by zero")
        }
        do {
            _ = try guest.call("checked_div", [.integer(Int64(Int32.min)), -1])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "Overflow", "without a message, the error's name")
        }
        #expect(try guest.call("first_word", ["  hello world"]) == "hello")
        #expect(try guest.call("first_word", ["   "]) == nil)
        #expect(try guest.call("panic_if", [false]) == 1)
        #expect(guest.liveJsValues == 0)
    }

    @Test func bytesScalarsOptionalsAndErrorUnionsOfScalars() throws {
        let guest = try Self.guest("bytes")
        let top = try Self.nextBlock(guest)
        #expect(try guest.call("reverse_bytes", [[1, 2, 3]]) == [3, 2, 1])
        #expect(try guest.call("reverse_bytes", [[]]) == [])
        #expect(try guest.call("sum_bytes", [[255, 255, 3]]) == 513)
        #expect(try guest.call("mean", [[1, 2]]) == 1.5)
        #expect(try guest.call("mean", [[]]) == nil)
        #expect(try guest.call("scale", [1.5, -4]) == -6.0)
        #expect(try guest.call("nonempty_length", [[9, 9]]) == 2)
        do {
            _ = try guest.call("nonempty_length", [[]])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "no bytes")
        }
        #expect(throws: BridgeError.self) { try guest.call("reverse_bytes", [[256]]) }
        #expect(try guest.call("maybe_length", [nil]) == nil)
        #expect(try guest.call("maybe_length", ["héllo"]) == 6)
        #expect(try guest.call("maybe_length", [""]) == 0, "an empty string is not None")
        #expect(try guest.call("add_optionals", [1, nil, nil]) == 1)
        #expect(try guest.call("add_optionals", [1, 10, 200]) == 211)
        #expect(try guest.call("add_optionals", [1, nil, 0]) == 1)
        #expect(try Self.nextBlock(guest) == top)
        #expect(guest.liveJsValues == 0)
    }

    @Test func aTrapPoisonsTheGuest() throws {
        let guest = try Self.guest("result")
        #expect(throws: Trap.self) { try guest.call("panic_if", [true]) }
        #expect(throws: BridgeError.self) { try guest.call("panic_if", [false]) }
        #expect(try Self.guest("result").call("panic_if", [false]) == 1)
    }
}
