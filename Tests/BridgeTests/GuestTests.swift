import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// Every Rust example called through the bridge, the way the JavaScript glue would.
@Suite struct GuestTests {
    static func guest(_ name: String, _ build: RustBuild, imports: [String: HostImport] = [:]) throws -> Guest {
        try Guest(module: try build.module(name), imports: imports)
    }

    @Test(arguments: RustBuild.all)
    func greetTakesAndReturnsStrings(_ build: RustBuild) throws {
        let guest = try Self.guest("greet", build)
        #expect(try guest.call("greet", ["World"]) == "Hello, World!")
        let typed: String = try guest.call("greet", "Zoë 🎉")
        #expect(typed == "Hello, Zoë 🎉!")
    }

    /// guest-abi/rust's per-call arena: scratch allocated in it is released when the call
    /// returns, so the arena and the guest's memory stop growing after the first call.
    @Test(arguments: RustBuild.all)
    func theCallArenaIsReusedFromCallToCall(_ build: RustBuild) throws {
        let guest = try Self.guest("arena", build)
        let text = (1...2000).map { "word\($0)" }.joined(separator: " ")
        let expected = (1...2000).reversed().map { "word\($0)" }.joined(separator: " ")
        #expect(try guest.call("reverse_words", [JSON.string(text)]) == JSON.string(expected))
        let capacity: UInt32 = try guest.call("arena_capacity")
        let memory = try #require(guest.memorySize)
        #expect(capacity > 0)
        for _ in 0..<200 { _ = try guest.call("reverse_words", [JSON.string(text)]) }
        #expect(try guest.call("arena_capacity") == capacity, "the arena was reset after each call")
        #expect(guest.memorySize == memory, "the guest's memory did not grow")
    }

    @Test(arguments: RustBuild.all)
    func classesLiveBehindHandlesAndAreFreed(_ build: RustBuild) throws {
        let guest = try Self.guest("calculator", build)
        let calculator = try guest.construct("Calculator", [10])
        #expect(try calculator.call("add", [5]) == 15)
        #expect(try calculator.call("value") == 15)
        #expect(try calculator.call("finish") == 15)
        #expect(calculator.handle == 0, "a consuming method uses the object up")
        #expect(throws: BridgeError.self) { try calculator.call("value") }
        let counted = try guest.construct("Calculator", [0])
        _ = try counted.call("add", [1])
        _ = try counted.call("add", [1])
        #expect(try counted.get("steps") == 2)
        try counted.set("steps", to: 40)
        #expect(try counted.get("steps") == 40)
        #expect(throws: BridgeError.self) { try counted.set("steps", to: -1) }
        #expect(throws: BridgeError.self) { try counted.get("nope") }
        let other = try guest.construct("Calculator", [1])
        try other.free()
        try other.free()
        #expect(other.handle == 0)
    }

    @Test(arguments: RustBuild.all)
    func errorsComeBackAsGuestErrorsWithTheirMessage(_ build: RustBuild) throws {
        let guest = try Self.guest("result", build)
        #expect(try guest.call("parse_positive", ["42"]) == "42 is positive")
        do {
            _ = try guest.call("parse_positive", ["-3"])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message == "-3 is not positive")
            #expect(error.function == "parse_positive")
        }
        #expect(try guest.call("checked_div", [7, 2]) == 3)
        #expect(throws: GuestError.self) { try guest.call("checked_div", [1, 0]) }
        let stackPointer = try #require(guest.instance.global(at: 0)?.value.description)
        for _ in 0..<3 {
            do {
                _ = try guest.call("always_throws", [7])
                Issue.record("expected a throw")
            } catch let error as GuestError {
                #expect(error.message == "this function always throws (7)")
            }
        }
        #expect(guest.instance.global(at: 0)?.value.description == stackPointer, "throws must not leak shadow stack")
        // Still usable, and nothing left on the JsValue heap.
        #expect(try guest.call("parse_positive", ["5"]) == "5 is positive")
        #expect(guest.liveJsValues == 0)
    }

    @Test(arguments: RustBuild.all)
    func bytesSlicesVectorsAndOptions(_ build: RustBuild) throws {
        let guest = try Self.guest("bytes", build)
        #expect(try guest.call("reverse_bytes", [[1, 2, 3]]) == [3, 2, 1])
        var arguments: [JSON] = [[0, 0, 0], 7]
        _ = try guest.call("fill", &arguments)
        #expect(arguments[0] == [7, 7, 7], "&mut [u8] is copied back")
        #expect(try guest.call("sum", [[1, 2, 3, -10]]) == -4)
        #expect(try guest.call("maybe_length", [nil]) == nil)
        #expect(try guest.call("maybe_length", ["héllo"]) == 6)
        #expect(try guest.call("scale", [[1.5, 2], 2]) == [3.0, 4.0])
    }

    @Test(arguments: RustBuild.all)
    func jsonThroughStrings(_ build: RustBuild) throws {
        let processed = try Self.guest("process_json", build).call("process_json", [#"{"a": 1}"#])
        #expect(try JSON.parse(processed.stringValue ?? "") == ["a": 1, "processed": true])
        #expect(throws: GuestError.self) { try Self.guest("process_json", build).call("process_json", ["{"]) }
        let handled = try Self.guest("handle", build).call("handle", [#"{"name": "Ada", "value": 21}"#])
        #expect(try JSON.parse(handled.stringValue ?? "") == ["message": "Hello, Ada", "computed": 42])
    }

    @Test(arguments: RustBuild.all)
    func jsValuesCarryJSONBothWays(_ build: RustBuild) throws {
        let guest = try Self.guest("jsvalue", build)
        #expect(try guest.call("make_point", [1, 2]) == ["x": 1, "y": 2])
        #expect(try guest.call("mirror", [["x": 1, "y": -3]]) == ["x": -1, "y": 3])
        #expect(throws: GuestError.self) { try guest.call("mirror", ["not a point"]) }
        #expect(try guest.call("measure", ["hello"]) == 5)
        #expect(try guest.call("measure", [21]) == 42)
        #expect(try guest.call("measure", [nil]) == nil)
        #expect(guest.liveJsValues == 0, "owned and borrowed JsValues are all released")
    }

    @Test(arguments: RustBuild.all)
    func hostImportsAreSwiftClosures(_ build: RustBuild) throws {
        var logged: [String] = []
        let guest = try Self.guest("host_import", build, imports: [
            "host_log": { arguments in
                logged.append(arguments[0].stringValue ?? "")
                return nil
            },
            "host_lookup": { arguments in
                guard arguments[0] == "known" else { throw BridgeError("no such key") }
                return "found"
            },
        ])
        #expect(try guest.call("log_greeting", ["Ann"]) == 11)
        #expect(logged == ["Hello, Ann!"])
        #expect(try guest.call("lookup_or", ["known", "fallback"]) == "found")
        #expect(try guest.call("lookup_or", ["other", "fallback"]) == "fallback", "catch turns a host error into Err")
        #expect(guest.liveJsValues == 0)
    }

    @Test(arguments: RustBuild.all)
    func missingHostImportsFailAtInstantiationByName(_ build: RustBuild) throws {
        do {
            _ = try Self.guest("host_import", build)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.message.contains("host_log(message: string)"))
        }
    }

    @Test(arguments: RustBuild.all)
    func badArgumentsNameTheFunctionAndParameter(_ build: RustBuild) throws {
        let guest = try Self.guest("greet", build)
        do {
            _ = try guest.call("greet", [42])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("greet: parameter name"))
        }
        #expect(throws: BridgeError.self) { try guest.call("greet", []) }
        #expect(throws: BridgeError.self) { try guest.call("nope", []) }
    }

    @Test(arguments: RustBuild.all)
    func aHundredThousandCallsLeakNothing(_ build: RustBuild) throws {
        let guest = try Self.guest("greet", build)
        let memory = try #require(guest.memorySize)
        let name = String(repeating: "x", count: 100)
        for _ in 0..<100_000 { _ = try guest.call("greet", [.string(name)]) }
        #expect(guest.memorySize == memory, "the guest's heap did not grow")
        #expect(guest.liveJsValues == 0)
    }
}

@Suite struct ScalarMarshallingTests {
    /// A signed or unsigned width: its exports (`add_<name>`, wrapping addition) and edges.
    struct Width: Sendable, CustomTestStringConvertible {
        var name: String
        var min: JSON
        var max: JSON
        /// min + 1, max - 1, max + 1 and min - 1, exactly (JSON holds up to 2^64 - 1).
        var aboveMin: JSON
        var belowMax: JSON
        var pastMax: JSON
        var pastMin: JSON
        var testDescription: String { name }

        static func signed(_ name: String, bits: Int) -> Width {
            let max = Int64.max >> (64 - bits)
            let min = -max - 1
            return Width(name: name, min: JSON(min), max: JSON(max), aboveMin: JSON(min + 1), belowMax: JSON(max - 1),
                         pastMax: bits == 64 ? JSON(UInt64(1) << 63) : JSON(max + 1),
                         pastMin: bits == 64 ? .number(-9_223_372_036_854_777_856) : JSON(min - 1))
        }

        static func unsigned(_ name: String, bits: Int) -> Width {
            let max = UInt64.max >> (64 - bits)
            return Width(name: name, min: 0, max: JSON(max), aboveMin: 1, belowMax: JSON(max - 1),
                         pastMax: bits == 64 ? .number(18_446_744_073_709_551_616) : JSON(max + 1), pastMin: -1)
        }
    }

    static let widths: [Width] = [
        .signed("i8", bits: 8), .unsigned("u8", bits: 8), .signed("i16", bits: 16), .unsigned("u16", bits: 16),
        .signed("i32", bits: 32), .unsigned("u32", bits: 32), .signed("isize", bits: 32), .unsigned("usize", bits: 32),
        .signed("i64", bits: 64), .unsigned("u64", bits: 64),
    ]

    /// Each width's extremes cross both ways exactly, wrap in the guest, and one past either
    /// end is refused, never rounded or wrapped on the way in.
    @Test(arguments: RustBuild.all, widths)
    func integersOfEveryWidthKeepTheirRange(_ build: RustBuild, _ width: Width) throws {
        let guest = try GuestTests.guest("scalars", build)
        let add = "add_\(width.name)"
        #expect(try guest.call(add, [width.belowMax, 1]) == width.max)
        #expect(try guest.call(add, [width.max, 1]) == width.min)
        // max + max wraps to -2 (signed) or max - 1 (unsigned); (min + 1) + max is 0 for both.
        #expect(try guest.call(add, [width.max, width.max]) == (width.min == 0 ? width.belowMax : -2))
        #expect(try guest.call(add, [width.aboveMin, width.max]) == 0)
        #expect(throws: BridgeError.self) { try guest.call(add, [width.pastMax, 0]) }
        #expect(throws: BridgeError.self) { try guest.call(add, [width.pastMin, 0]) }
        #expect(throws: BridgeError.self) { try guest.call(add, [1.5, 0]) }
    }

    /// u64 values on both sides of 2^63 and at 2^64 - 1, as JSON and as Swift integers.
    @Test(arguments: RustBuild.all)
    func u64CrossesInt64sEdgeExactly(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("scalars", build)
        #expect(try guest.call("add_u64", [.integer(Int64.max), 1]) == .unsignedInteger(1 << 63))
        #expect(try guest.call("add_u64", [.unsignedInteger(UInt64.max - 1), 1]) == .unsignedInteger(UInt64.max))
        #expect(try guest.call("add_u64", [.unsignedInteger(1 << 63), .unsignedInteger((1 << 63) + 5)]) == 5)
        // An integral double is taken at its exact value: 2^64 - 4096 + 1.
        #expect(try guest.call("add_u64", [.number(18_446_744_073_709_547_520), 1]) == .unsignedInteger(18_446_744_073_709_547_521))
        // 2^53 + 1 is not a double: it must stay exact.
        #expect(try guest.call("add_u64", [9_007_199_254_740_993, 1]) == .integer(9_007_199_254_740_994))
        let sum: UInt64 = try guest.call("add_u64", UInt64.max - 2, UInt64(1))
        #expect(sum == UInt64.max - 1)
        let wrapped: Int64 = try guest.call("add_i64", Int64.max, Int64(1))
        #expect(wrapped == Int64.min)
        let narrow: UInt8 = try guest.call("add_u8", UInt8(254), UInt8(1))
        #expect(narrow == 255)
        #expect(throws: BridgeError.self) { let _: Int8 = try guest.call("add_u8", UInt8(200), UInt8(1)) }
    }

    @Test(arguments: RustBuild.all)
    func narrowFunctionsWrapInTheGuest(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("scalars", build)
        #expect(try guest.call("negate_i8", [-128]) == -128)
        #expect(try guest.call("negate_i8", [100]) == -100)
        #expect(try guest.call("double_u16", [40000]) == 14464)
        #expect(throws: BridgeError.self) { try guest.call("negate_i8", [200]) }
    }

    @Test(arguments: RustBuild.all)
    func floatsBoolsAndChars(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("scalars", build)
        #expect(try guest.call("half", [3]) == 1.5)
        #expect(try guest.call("invert", [true]) == false)
        #expect(try guest.call("next_char", ["a"]) == "b")
        #expect(try guest.call("next_char", ["🎉"]) == "🎊")
        #expect(throws: BridgeError.self) { try guest.call("next_char", ["ab"]) }
    }

    @Test(arguments: RustBuild.all)
    func optionsOfEachKind(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("scalars", build)
        #expect(try guest.call("opt_f64", [1.5]) == 15)
        #expect(try guest.call("opt_f64", [nil]) == nil)
        #expect(try guest.call("opt_i64", [.integer(Int64.min + 1)]) == .integer(Int64.min))
        #expect(try guest.call("opt_i64", [nil]) == nil)
        #expect(try guest.call("opt_bool", [false]) == true)
        #expect(try guest.call("opt_bool", [nil]) == nil)
        #expect(try guest.call("opt_char", ["x"]) == "X")
        #expect(try guest.call("opt_char", [nil]) == nil)
    }

    @Test(arguments: RustBuild.all)
    func enumsCrossAsTheirValues(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("scalars", build)
        #expect(try guest.call("next_color", [1]) == 10)
        #expect(try guest.call("opt_color", [10]) == 0)
        #expect(try guest.call("opt_color", [nil]) == nil)
    }
}

@Suite struct ClassArgumentTests {
    @Test(arguments: RustBuild.all)
    func passingByValueUsesTheObjectUpAndByReferenceDoesNot(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("calculator", build)
        let first = try guest.construct("Calculator", [5])
        let second = try guest.construct("Calculator", [5])
        #expect(try first.call("equals", [second.json]) == true)
        #expect(second.handle != 0, "a borrowed object stays usable")
        #expect(try first.call("absorb", [second.json]) == 10)
        #expect(second.handle == 0, "an object passed by value is used up")
        #expect(throws: BridgeError.self) { try second.call("value") }
        let zero = try guest.callStatic("Calculator", "zero")
        let object = try guest.object(className: "Calculator", handle: UInt32(try #require(zero["handle"]?.integerValue)))
        #expect(try object.call("value") == 0)
    }

    /// A handle is a u32: one past it (or negative) is refused, not truncated into another
    /// object's handle, which would use that object up.
    @Test(arguments: RustBuild.all)
    func handlesOutsideU32AreRefused(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("calculator", build)
        let first = try guest.construct("Calculator", [5])
        let second = try guest.construct("Calculator", [5])
        for handle in [JSON(Int64(second.handle) + (1 << 32)), JSON(-Int64(second.handle))] {
            let forged: JSON = ["class": "Calculator", "handle": handle]
            #expect(throws: BridgeError.self) { try first.call("absorb", [forged]) }
        }
        #expect(second.handle != 0, "the real object is untouched")
        #expect(try first.call("absorb", [second.json]) == 10)
    }
}
