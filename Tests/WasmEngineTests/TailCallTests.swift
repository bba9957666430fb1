import Foundation
import Testing
import WasmBinary
import WasmEngine

/// Tail calls (`return_call`, `return_call_indirect`) run the callee in the caller's place:
/// recursion through them needs no frame, no value stack and no native stack per call, and
/// the callee may take more or fewer parameters, live in another instance or on the host.
/// Every test runs with eager translation and with lazy, where the callee is translated by
/// the tail call itself.
@Suite struct TailCallTests {
    static let translations: [Engine.Translation] = [.eager, .lazy]

    /// tailcalls.wat linked to the library instance and the host functions and table it
    /// imports, in a store of the given limits.
    static func instance(
        _ translation: Engine.Translation, stackSlots: Int = 1 << 20, maxCallDepth: Int = 50_000
    ) throws -> Instance {
        let engine = Engine(configuration: .init(translation: translation, stackSlots: stackSlots, maxCallDepth: maxCallDepth))
        func module(_ name: String) throws -> Module {
            let bytes = try Data(contentsOf: Fixtures.directory.appendingPathComponent("\(name).wasm"))
            return try Module(bytes: [UInt8](bytes), engine: engine)
        }
        let store = Store(engine: engine)
        var linker = Linker()
        linker.define("env", "host") { (_: Caller, a: Int32, b: Int32) in a &* 100 &+ b }
        linker.define("env", "memory_at_zero") { (caller: Caller) -> Int32 in
            let bytes = try caller.memory!.read(at: 0, count: 4)
            return Int32(bytes[0]) | Int32(bytes[1]) << 8
        }
        linker.define("env", "shared", .table(try Table(store: store, type: TableType(elementType: .funcref, limits: Limits(min: 1)))))
        linker.define("lib", instance: try linker.instantiate(try module("tailcalls_library"), in: store))
        return try linker.instantiate(try module("tailcalls"), in: store)
    }

    /// A million tail calls with room for four frames and 64 value slots: a call each would
    /// exhaust both many times over.
    @Test(arguments: translations)
    func aMillionDeepMutualTailRecursionRunsInConstantSpace(_ translation: Engine.Translation) throws {
        let instance = try Self.instance(translation, stackSlots: 64, maxCallDepth: 4)
        for name: Name in ["even", "even_indirect"] {
            let even = try instance.function(named: name)!.typed(Int64.self, returning: Int32.self)
            #expect(try even(1_000_000) == 1, "\(name)")
            #expect(try even(1_000_001) == 0, "\(name)")
        }
    }

    @Test(arguments: translations)
    func aCalleeMayTakeMoreOrFewerParametersThanItsCaller(_ translation: Engine.Translation) throws {
        let instance = try Self.instance(translation)
        // Five arguments moved down over the caller's one parameter (they overlap).
        #expect(try instance.function(named: "more_parameters")!.typed(Int32.self, returning: Int32.self)(1) == 12345)
        // Two arguments over six parameters: the callee's locals start at zero, not at the
        // caller's third and fourth parameters.
        let fewer = try instance.function(named: "fewer_parameters")!
            .typed(Int32.self, Int32.self, Int32.self, Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try fewer(1, 2, 3, 4, 5, 6) == 61)
        // An f64, a v128 (two slots) and an i64 over one i32.
        #expect(try instance.function(named: "mixed_types")!.typed(Int32.self, returning: Double.self)(7) == 1007.5)
    }

    /// The callee runs in its own instance and memory; its caller's caller gets its own back.
    @Test(arguments: translations)
    func aTailCallCrossesIntoAnotherInstance(_ translation: Engine.Translation) throws {
        let instance = try Self.instance(translation)
        #expect(try instance.function(named: "across_instances")!.typed(Int32.self, returning: Int32.self)(5) == 1005 + 7)
        #expect(try instance.function(named: "tail_into_library")!.typed(Int32.self, returning: Int32.self)(5) == 1005)
    }

    /// A host callee is called, then the tail-calling function returns its results.
    @Test(arguments: translations)
    func aTailCallReachesAHostFunction(_ translation: Engine.Translation) throws {
        let instance = try Self.instance(translation)
        #expect(try instance.function(named: "across_host")!.typed(Int32.self, returning: Int32.self)(5) == 305 + 7)
        for name: Name in ["tail_host", "tail_host_indirect"] {
            let tail = try instance.function(named: name)!.typed(Int32.self, Int32.self, returning: Int32.self)
            #expect(try tail(1, 2) == 201, "\(name)")
        }
        // The library calls this instance's function that tail-calls the host, which reads
        // its caller's memory: this instance's (7), not the library's (1000) that the call
        // returns to.
        #expect(try instance.function(named: "library_calls_back")!.typed(returning: Int32.self)() == 7)
    }

    /// An exception from a tail callee, wasm or host, passes the handlers of the function
    /// that tail-called (it has left) and reaches its caller's, or the host.
    @Test(arguments: translations)
    func aTailCalleesExceptionSkipsTheHandlersOfTheFunctionItReplaced(_ translation: Engine.Translation) throws {
        let engine = Engine(configuration: .init(translation: translation))
        let store = Store(engine: engine)
        let error = ExceptionTag(store: store, parameters: [.i32], name: "host.error")
        var linker = Linker()
        linker.define("host", "error", .tag(error))
        linker.define("host", "throw", type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            throw WasmException(tag: error, values: arguments)
        }
        let bytes = try Data(contentsOf: Fixtures.directory.appendingPathComponent("tailcalls_exceptions.wasm"))
        let instance = try linker.instantiate(try Module(bytes: [UInt8](bytes), engine: engine), in: store)
        for name: Name in ["wasm_callee_throws", "host_callee_throws"] {
            #expect(try instance.function(named: name)!.typed(Int32.self, returning: Int32.self)(5) == 1005, "\(name)")
        }
        #expect(throws: WasmException.self) { try instance.function(named: "tail_to_host")!.call([.i32(5)]) }
        #expect(throws: WasmException.self) { try instance.function(named: "tail_to_wasm")!.call([.i32(5)]) }
    }

    /// Function 0, of type `() -> (caller)`, with `body`; function 1, of type
    /// `() -> (callee)`, is `unreachable`.
    static func module(caller: UInt8, callee: UInt8, body: [UInt8]) throws -> Module {
        let code: [UInt8] = [UInt8(body.count + 2), 0x00] + body + [0x0B]
        let section: [UInt8] = [0x02] + code + [0x03, 0x00, 0x00, 0x0B]
        return try Module(bytes: [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x09, 0x02, 0x60, 0x00, 0x01, caller, 0x60, 0x00, 0x01, callee,
            0x03, 0x03, 0x02, 0x00, 0x01,
            0x0A, UInt8(section.count),
        ] + section)
    }

    /// The callee returns to the caller's caller, so it must return what the caller returns;
    /// the stack after a tail call is polymorphic, as after `return`.
    @Test func aTailCalleeMustReturnTheCallersResults() throws {
        let (i32, i64): (UInt8, UInt8) = (0x7F, 0x7E)
        let returnCall1: [UInt8] = [0x12, 0x01]
        #expect(throws: InvalidModuleError.self) { try Self.module(caller: i32, callee: i64, body: returnCall1) }
        _ = try Self.module(caller: i32, callee: i32, body: returnCall1)
        _ = try Self.module(caller: i32, callee: i32, body: returnCall1 + [0x6A])  // i32.add of nothing
        #expect(throws: InvalidModuleError.self) { try Self.module(caller: i32, callee: i32, body: returnCall1 + [0x42, 0x00]) }
    }

    /// The frame is reused, but a larger one must still fit the value stack.
    @Test(arguments: translations)
    func aCalleeWithALargerFrameIsCheckedAgainstTheValueStack(_ translation: Engine.Translation) throws {
        #expect(try Self.instance(translation).function(named: "into_large_frame")!.typed(Int32.self, returning: Int32.self)(3) == 3)
        let small = try Self.instance(translation, stackSlots: 64)
        expectTrap(.callStackExhausted) { try small.function(named: "into_large_frame")!.call([.i32(3)]) }
    }
}
