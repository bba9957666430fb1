import AllocationCounter
import WasmBinary
import WasmEngine
import Testing

/// Host functions defined by a Swift closure over typed parameters and results: each argument
/// read straight from its frame slot, the result written straight back.
@Suite struct TypedHostFunctionTests {
    func instance(_ customise: (inout Linker) -> Void = { _ in }) throws -> Instance {
        let store = Store()
        var linker = try LinkerTests.linker(store: store)
        customise(&linker)
        return try linker.instantiate(try Fixtures.module("linking"), in: store)
    }

    @Test func argumentsAndResultsOfEachTypeAndArityArriveExactly() throws {
        var calls = 0
        let instance = try instance { linker in
            linker.define("env", "none") { (_: Caller) in calls += 1 }
        }
        try instance.function(named: "call_none")!.typed()()
        #expect(calls == 1)
        #expect(try instance.function(named: "call_i32")!.typed(Int32.self, returning: Int32.self)(Int32.max) == Int32.min)
        let i64 = try instance.function(named: "call_i64")!.typed(Int64.self, Int64.self, returning: Int64.self)
        #expect(try i64(3, 4) == 3004)
        #expect(try i64(1 << 40, -1) == (1 << 40) * 1000 - 1)
        let f32 = try instance.function(named: "call_f32")!.typed(Float.self, Float.self, Float.self, returning: Float.self)
        #expect(try f32(1, 2, 3) == 123)
        #expect(try instance.function(named: "call_f64")!.typed(Double.self, returning: Double.self)(0.5) == -0.5)
        // Eight parameters of four types in every slot position, each weighted differently.
        let integers: Double = -1.0 + Double(0x123456789) * 2 + 7 * 16 - 3 * 32
        let expected: Double = integers + (2.5 * 4 - 0.125 * 8 + 1e10 + 1e-300)
        #expect(try instance.function(named: "call_eight")!.typed(returning: Double.self)() == expected)
    }

    @Test func aNaNKeepsItsBits() throws {
        let payload = Float(bitPattern: 0x7FA0_0001)
        let instance = try instance { linker in
            linker.define("env", "f32") { (_: Caller, a: Float, _: Float, _: Float) in a }
        }
        let f32 = try instance.function(named: "call_f32")!.typed(Float.self, Float.self, Float.self, returning: Float.self)
        #expect(try f32(payload, 0, 0).bitPattern == 0x7FA0_0001)
    }

    @Test func theCallerReadsTheGuestsMemory() throws {
        var logged: [UInt8] = []
        let instance = try instance { linker in
            linker.define("env", "log") { (caller: Caller, pointer: Int32, count: Int32) in
                logged = try caller.memory!.read(at: Int(pointer), count: Int(count))
            }
        }
        try instance.function(named: "call_log")!.typed()()
        #expect(String(decoding: logged, as: UTF8.self) == "hi")
    }

    @Test func anErrorThrownComesOutOfTheOutermostCallUnchanged() throws {
        struct Refused: Error, Equatable { let value: Int32 }
        let instance = try instance { linker in
            linker.define("env", "i32") { (_: Caller, value: Int32) -> Int32 in throw Refused(value: value) }
        }
        let call = try instance.function(named: "call_i32")!.typed(Int32.self, returning: Int32.self)
        #expect(throws: Refused(value: 5)) { try call(5) }
        #expect(throws: Refused(value: 6)) { try instance.function(named: "call_i32")!.call([.i32(6)]) }
        // The store is usable afterwards.
        #expect(try instance.function(named: "double")!.typed(Int32.self, returning: Int32.self)(4) == 8)
    }

    @Test func aHostFunctionCallsBackIntoTheGuest() throws {
        let instance = try instance { linker in
            linker.define("env", "callback") { (caller: Caller, value: Int32) in
                let double = try caller.instance!.function(named: "double")!.typed(Int32.self, returning: Int32.self)
                return try double(value) + 100
            }
        }
        let call = try instance.function(named: "call_callback")!.typed(Int32.self, returning: Int32.self)
        #expect(try call(20) == 20 * 2 + 100 + 1)
    }

    /// Counts the mallocs on this thread during 10,000 guest-to-host calls. The same count
    /// over a host function taking `[Value]` must see allocations, or the counter is blind.
    @Test(.enabled(if: allocation_counting_available() == 1))
    func aTypedHostCallDoesNotAllocate() throws {
        let typed = try instance()
        let untyped = try instance { linker in
            linker.define("env", "i32", type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                guard case .i32(let value) = arguments[0] else { return [] }
                return [.i32(value &+ 1)]
            }
        }
        func allocations(_ instance: Instance) throws -> UInt64 {
            let loop = try instance.function(named: "loop_i32")!.typed(Int32.self, returning: Int32.self)
            #expect(try loop(10) == 10)  // warmed up: lazy state made, caches filled
            let before = allocation_count()
            let result = try loop(10_000)
            let after = allocation_count()
            #expect(result == 10_000)
            return after - before
        }
        #expect(try allocations(typed) == 0)
        #expect(try allocations(untyped) >= 10_000)
    }
}
