import JSON
import Testing
import WasmEngine
@testable import Bridge

/// What wasm-bindgen's own imports (0.2.105 on) do, by the name the custom section gives them;
/// the examples reach only some of them (JSON.parse, JSON.stringify, Error, __wbindgen_throw,
/// __wbindgen_string_get, __wbindgen_number_get), so each is checked here on its own.
@Suite struct DescribedIntrinsicTests {
    static let cases: [(String, [JsValueContent], JsValueContent)] = [
        ("__wbindgen_string_get", [.json("a")], .json("a")),
        ("__wbindgen_string_get", [.json(1)], .undefined),
        ("__wbindgen_number_get", [.json(1.5)], .json(1.5)),
        ("__wbindgen_number_get", [.json("1")], .undefined),
        ("Number", [.json(" 12 ")], .json(.number(12))),
        ("Number", [.json(true)], .json(.number(1))),
        ("Number", [.json(.null)], .json(.number(0))),
        ("__wbindgen_boolean_get", [.json(false)], .json(false)),
        ("__wbindgen_boolean_get", [.json(0)], .undefined),
        ("__wbindgen_is_null", [.json(.null)], .json(true)),
        ("__wbindgen_is_null", [.undefined], .json(false)),
        ("__wbindgen_is_undefined", [.undefined], .json(true)),
        ("__wbindgen_is_null_or_undefined", [.json(.null)], .json(true)),
        ("__wbindgen_is_null_or_undefined", [.json(0)], .json(false)),
        ("__wbindgen_is_string", [.json("")], .json(true)),
        ("__wbindgen_is_object", [.json(["a": 1])], .json(true)),
        ("__wbindgen_is_object", [.json(.null)], .json(false)),
        ("__wbindgen_is_function", [.json(["a": 1])], .json(false)),
        ("__wbindgen_is_falsy", [.json("")], .json(true)),
        ("__wbindgen_is_falsy", [.json(0)], .json(true)),
        ("__wbindgen_is_falsy", [.json([])], .json(false)),
        ("Array.isArray", [.json([1])], .json(true)),
        ("Array.isArray", [.json("[1]")], .json(false)),
        ("__wbindgen_jsval_eq", [.json(1), .json(1)], .json(true)),
        ("__wbindgen_jsval_eq", [.json(.null), .undefined], .json(false)),
        ("__wbindgen_jsval_loose_eq", [.json(.null), .undefined], .json(true)),
        ("__wbindgen_debug_string", [.json(["a": 1])], .json("{\"a\":1}")),
        ("__wbindgen_debug_string", [.json("hi")], .json("\"hi\"")),
        ("Error", [.json("boom")], .error("boom")),
        ("JSON.parse", [.json("[1,true]")], .json([1, true])),
        ("JSON.stringify", [.json(["a": [1]])], .json("{\"a\":[1]}")),
        ("JSON.stringify", [.undefined], .undefined),
    ]

    /// The intrinsic `name`, described with `arity` JsValue arguments.
    static func intrinsic(_ name: String, in guest: Guest, arity: Int = 1) throws -> ([JsValueContent]) throws -> JsValueContent {
        try guest.describedIntrinsic(BoundFunction(name: name, wasmName: "__wbg_\(name)_0", argumentNames: [],
                                                   signature: FunctionDescriptor(shimIndex: 0, arguments: Array(repeating: .externref, count: arity),
                                                                                 result: .unit)))
    }

    @Test(arguments: cases)
    func eachIntrinsicDoesWhatItsJavaScriptDoes(name: String, arguments: [JsValueContent], expected: JsValueContent) throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        #expect(try Self.intrinsic(name, in: guest, arity: arguments.count)(arguments) == expected)
    }

    @Test func throwingIntrinsicsBecomeGuestErrors() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        #expect(throws: GuestError.self) { try Self.intrinsic("__wbindgen_throw", in: guest)([.json("no")]) }
        #expect(throws: GuestError.self) { try Self.intrinsic("__wbindgen_rethrow", in: guest)([.json(1)]) }
        #expect(throws: (any Error).self) { try Self.intrinsic("JSON.parse", in: guest)([.json("{")]) }
        #expect(throws: LinkError.self) { try Self.intrinsic("Reflect.get", in: guest) }
    }
}
