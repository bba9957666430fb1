import Foundation
import WasmBinary
import WasmEngine
import Testing

/// The engine on a raw module cargo wrote with wasm-bindgen 0.2.83 (Fixtures/rust-greet):
/// its describe functions run, and `greet` works through the ABI by hand.
@Suite struct RustGuestTests {
    func instantiate(example: String = "greet", described: @escaping (Int32) -> Void = { _ in }) throws -> (Instance, Store) {
        let store = Store()
        var linker = Linker()
        let module = "__wbindgen_placeholder__"
        linker.define(Name(module), "__wbindgen_describe", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [])) { _, arguments in
            if case .i32(let value) = arguments[0] { described(value) }
            return []
        }))
        linker.define(Name(module), "__wbindgen_throw", .function(Function(store: store, type: FunctionType(parameters: [.i32, .i32], results: [])) { _, _ in
            throw Trap(.unreachable)
        }))
        let xform = Name("__wbindgen_externref_xform__")
        linker.define(xform, "__wbindgen_externref_table_grow", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, _ in [.i32(-1)] }))
        linker.define(xform, "__wbindgen_externref_table_set_null", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [])) { _, _ in [] }))
        return (try linker.instantiate(try Module(bytes: [UInt8](Data(contentsOf: Fixtures.repository.appendingPathComponent("examples/rust/\(example)/\(example).wasm")))), in: store), store)
    }

    @Test func describeFunctionsReportTheSignature() throws {
        var words: [Int32] = []
        let (instance, _) = try instantiate { words.append($0) }
        _ = try instance.function(named: "__wbindgen_describe_greet")!.call([])
        // FUNCTION (11), shim 0, 1 argument: REF (15) STRING (14); result STRING twice
        // (the result and the inner result), as the reference's descriptor table says.
        #expect(words == [11, 0, 1, 15, 14, 14, 14])
    }

    @Test func greetRoundTripsAStringThroughGuestMemory() throws {
        let (instance, _) = try instantiate()
        let malloc = try instance.function(named: "__wbindgen_malloc")!.typed(Int32.self, returning: Int32.self)
        let greet = try instance.function(named: "greet")!.typed(Int32.self, Int32.self, Int32.self)
        let free = try instance.function(named: "__wbindgen_free")!.typed(Int32.self, Int32.self)
        let memory = instance.memory(named: "memory")!
        let name = Array("World".utf8)
        let pointer = try malloc(Int32(name.count))
        try memory.write(name, at: Int(pointer))
        let retptr = try malloc(8)
        try greet(retptr, pointer, Int32(name.count))
        let words = try memory.read(at: Int(retptr), count: 8)
        let resultPointer = Int(words[0]) | Int(words[1]) << 8 | Int(words[2]) << 16 | Int(words[3]) << 24
        let resultLength = Int(words[4]) | Int(words[5]) << 8 | Int(words[6]) << 16 | Int(words[7]) << 24
        let text = String(decoding: try memory.read(at: resultPointer, count: resultLength), as: UTF8.self)
        #expect(text == "Hello, World!")
        try free(Int32(resultPointer), Int32(resultLength))
    }

    @Test func classHandlesKeepState() throws {
        let (instance, _) = try instantiate(example: "calculator")
        let new = try instance.function(named: "calculator_new")!.typed(Int32.self, returning: Int32.self)
        let add = try instance.function(named: "calculator_add")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let handle = try new(10)
        #expect(try add(handle, 5) == 15)
        #expect(try add(handle, -20) == -5)
        try instance.function(named: "__wbg_calculator_free")!.typed(Int32.self)(handle)
    }
}
