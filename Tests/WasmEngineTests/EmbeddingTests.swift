import Diagnostics
import WasmBinary
import WasmEngine
import Testing

@Suite struct EmbeddingTests {
    func hostInstance(store: Store) throws -> (Instance, Memory) {
        var linker = Linker()
        let double = Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard case .i32(let value) = arguments[0] else { return [] }
            return [.i32(value * 2)]
        }
        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))
        linker.define("env", "double", .function(double))
        linker.define("env", "memory", .memory(memory))
        linker.define("env", "base", .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(100))))
        return (try linker.instantiate(try Fixtures.module("host"), in: store), memory)
    }

    @Test func callsHostFunctionsAndReadsImportedGlobals() throws {
        let store = Store()
        let (instance, _) = try hostInstance(store: store)
        let results = try instance.function(named: "double_plus_base")!.call([.i32(21)])
        guard case .i32(142) = results.first else { Issue.record("got \(results)"); return }
    }

    @Test func guestReadsWhatTheHostWroteIntoImportedMemory() throws {
        let store = Store()
        let (instance, memory) = try hostInstance(store: store)
        try memory.write([1, 2, 3, 250], at: 1000)
        let results = try instance.function(named: "sum_bytes")!.call([.i32(1000), .i32(4)])
        guard case .i32(256) = results.first else { Issue.record("got \(results)"); return }
        #expect(try memory.read(at: 1000, count: 2) == [1, 2])
    }

    @Test func hostMemoryAccessOutOfBoundsThrows() throws {
        let store = Store()
        let (_, memory) = try hostInstance(store: store)
        expectTrap(.outOfBoundsMemoryAccess) { try memory.read(at: 65535, count: 2) }
        expectTrap(.outOfBoundsMemoryAccess) { try memory.write([1], at: -1) }
    }

    @Test func hostErrorsStopTheGuestAndComeOutUnchanged() throws {
        struct Refused: Error {}
        let store = Store()
        var linker = Linker()
        linker.define("env", "double", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, _ in
            throw Refused()
        }))
        linker.define("env", "memory", .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))))
        linker.define("env", "base", .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(0))))
        let instance = try linker.instantiate(try Fixtures.module("host"), in: store)
        #expect(throws: Refused.self) { try instance.function(named: "double_plus_base")!.call([.i32(1)]) }
        // The store is usable afterwards.
        #expect(throws: Refused.self) { try instance.function(named: "double_plus_base")!.call([.i32(2)]) }
    }

    @Test func missingImportsAreLinkErrorsNamingTheImport() throws {
        let store = Store()
        do {
            _ = try Instance(module: try Fixtures.module("host"), store: store)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.description.contains("\"env\".\"double\""))
        }
    }

    @Test func importsOfTheWrongTypeAreRejected() throws {
        let store = Store()
        var linker = Linker()
        linker.define("env", "double", .function(Function(store: store, type: FunctionType(parameters: [], results: [])) { _, _ in [] }))
        #expect(throws: LinkError.self) { try linker.instantiate(try Fixtures.module("host"), in: store) }
    }

    @Test func unboundedRecursionTrapsInsteadOfCrashing() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        expectTrap(.callStackExhausted) { try instance.function(named: "recurse_forever")!.call([]) }
        // The store stays usable after the trap.
        let results = try instance.function(named: "depth")!.call([.i32(10_000)])
        guard case .i32(10_000) = results.first else { Issue.record("got \(results)"); return }
    }

    @Test func trapsNameTheirReasonAndFunction() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        do {
            _ = try instance.function(named: "divide")!.call([.i32(1), .i32(0)])
            Issue.record("expected a trap")
        } catch let trap as Trap {
            #expect(trap.reason == .integerDivideByZero)
            #expect(trap.code == "HEARTH-E202")
            #expect(trap.location == ErrorLocation(functionIndex: 2, codeOffset: 0))
            #expect(trap.description == "HEARTH-E202 trap: integer divide by zero in function 2 at code offset 0")
        }
        expectTrap(.integerOverflow) { try instance.function(named: "divide")!.call([.i32(Int32.min), .i32(-1)]) }
        expectTrap(.outOfBoundsMemoryAccess) { try instance.function(named: "load")!.call([.i32(65533)]) }
        expectTrap(.unreachable) { try instance.function(named: "unreachable")!.call([]) }
    }

    @Test func memoryGrowsUpToItsMaximumOnly() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let grow = instance.function(named: "grow")!
        guard case .i32(1) = try grow.call([.i32(1)]).first else { Issue.record("grow 1 failed"); return }
        guard case .i32(-1) = try grow.call([.i32(1)]).first else { Issue.record("grow past max succeeded"); return }
    }

    @Test func multipleResultsComeBackInOrder() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let results = try instance.function(named: "swap")!.call([.i64(7), .f64(2.5)])
        guard results.count == 2, case .f64(2.5) = results[0], case .i64(7) = results[1] else {
            Issue.record("got \(results)"); return
        }
    }

    @Test func argumentsAreCheckedAgainstTheSignature() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        #expect(throws: CallError.self) { try instance.function(named: "divide")!.call([.i32(1)]) }
        #expect(throws: CallError.self) { try instance.function(named: "divide")!.call([.i32(1), .i64(2)]) }
    }

    @Test func floatsKeepSignallingNaNPayloads() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let signalling = Double(bitPattern: 0x7FF0_0000_0000_0001)
        let results = try instance.function(named: "swap")!.call([.i64(0), .f64(signalling)])
        guard case .f64(let value) = results[0] else { Issue.record("got \(results)"); return }
        #expect(value.bitPattern == 0x7FF0_0000_0000_0001)
    }
}

/// Expects `body` to trap for `reason` (whatever function or detail the trap names).
func expectTrap(_ reason: Trap.Reason, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any) {
    do {
        let result = try body()
        Issue.record("expected a trap (\(reason)), got \(result)", sourceLocation: sourceLocation)
    } catch let trap as Trap {
        #expect(trap.reason == reason, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a trap (\(reason)), got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct TypedFunctionTests {
    @Test func typedCallsPassAndReturnSwiftValues() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let divide = try instance.function(named: "divide")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try divide(84, 2) == 42)
        expectTrap(.integerDivideByZero) { try divide(1, 0) }
    }

    @Test func typedProceduresHaveNoResults() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let unreachable = try instance.function(named: "unreachable")!.typed()
        expectTrap(.unreachable) { try unreachable() }
        #expect(throws: CallError.self) { try instance.function(named: "divide")!.typed(Int32.self, Int32.self) }
    }

    /// Each arity has its own overload; `digitsN` makes the decimal number of its arguments,
    /// so an argument in the wrong slot shows.
    @Test func everyArityPassesItsArgumentsInOrder() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("typed"), store: store)
        func digits(_ n: Int) -> Function { instance.function(named: Name("digits\(n)"))! }
        let i = Int64.self
        #expect(try digits(0).typed(returning: i)() == 7)
        #expect(try digits(1).typed(i, returning: i)(1) == 1)
        #expect(try digits(2).typed(i, i, returning: i)(1, 2) == 12)
        #expect(try digits(3).typed(i, i, i, returning: i)(1, 2, 3) == 123)
        #expect(try digits(4).typed(i, i, i, i, returning: i)(1, 2, 3, 4) == 1234)
        #expect(try digits(5).typed(i, i, i, i, i, returning: i)(1, 2, 3, 4, 5) == 12345)
        #expect(try digits(6).typed(i, i, i, i, i, i, returning: i)(1, 2, 3, 4, 5, 6) == 123456)
        #expect(try digits(7).typed(i, i, i, i, i, i, i, returning: i)(1, 2, 3, 4, 5, 6, 7) == 1234567)
        #expect(try digits(8).typed(i, i, i, i, i, i, i, i, returning: i)(1, 2, 3, 4, 5, 6, 7, 8) == 12345678)
    }

    @Test func everyArityOfProcedureRuns() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("typed"), store: store)
        func remember(_ n: Int) -> Function { instance.function(named: Name("remember\(n)"))! }
        let recall = try instance.function(named: "recall")!.typed(returning: Int64.self)
        let i = Int64.self
        try remember(0).typed()()
        #expect(try recall() == 7)
        try remember(1).typed(i)(1)
        #expect(try recall() == 1)
        try remember(2).typed(i, i)(1, 2)
        #expect(try recall() == 12)
        try remember(3).typed(i, i, i)(1, 2, 3)
        #expect(try recall() == 123)
        try remember(4).typed(i, i, i, i)(1, 2, 3, 4)
        #expect(try recall() == 1234)
        try remember(5).typed(i, i, i, i, i)(1, 2, 3, 4, 5)
        #expect(try recall() == 12345)
        try remember(6).typed(i, i, i, i, i, i)(1, 2, 3, 4, 5, 6)
        #expect(try recall() == 123456)
        try remember(7).typed(i, i, i, i, i, i, i)(1, 2, 3, 4, 5, 6, 7)
        #expect(try recall() == 1234567)
        try remember(8).typed(i, i, i, i, i, i, i, i)(1, 2, 3, 4, 5, 6, 7, 8)
        #expect(try recall() == 12345678)
    }

    @Test func argumentsOfEveryTypeKeepTheirBits() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("typed"), store: store)
        let mixed = try instance.function(named: "mixed")!.typed(
            Int32.self, Int64.self, Float.self, Double.self, UInt32.self, Int64.self, Float.self, Double.self,
            returning: Double.self)
        let result = try mixed(-1, -2, 0.5, 0.25, UInt32.max, -3, 1.5, -0.125)
        let expected: Double = -1 + 2 * -2 + 3 * 0.5 + 4 * 0.25 + 5 * 4294967295 + 6 * -3 + 7 * 1.5 + 8 * -0.125
        #expect(result == expected)
    }

    /// Typed arguments go straight to the top of the store's stack; a host function that
    /// calls back into the guest must not overwrite the frame of the call it is part of.
    @Test func aHostFunctionCanCallBackWhileTheGuestWaits() throws {
        final class Callee { var inner: TypedFunction<(Int32, Int32), Int32>? }
        let store = Store()
        let callee = Callee()
        var linker = Linker()
        linker.define("env", "callback", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard case .i32(let value) = arguments[0], let inner = callee.inner else { return [] }
            return [.i32(try inner(value, 100))]
        }))
        let instance = try linker.instantiate(try Fixtures.module("reentry"), in: store)
        callee.inner = try instance.function(named: "inner")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let outer = try instance.function(named: "outer")!.typed(Int32.self, returning: Int32.self)
        #expect(try outer(5) == 105 + 15)
        #expect(try outer(7) == 107 + 21)
    }

    /// A typed call whose arguments do not fit the stack traps before writing them, and the
    /// trap names no function (not the last one that trapped).
    @Test func aCallThatDoesNotFitTheStackTraps() throws {
        let store = Store(engine: Engine(configuration: .init(stackSlots: 4)))
        let traps = try Instance(module: try Fixtures.module("traps"), store: store)
        let divide = try traps.function(named: "divide")!.typed(Int32.self, Int32.self, returning: Int32.self)
        expectTrap(.integerDivideByZero) { try divide(1, 0) }
        let digits = try Instance(module: try Fixtures.module("typed"), store: store).function(named: "digits8")!
        let i = Int64.self
        let typed = try digits.typed(i, i, i, i, i, i, i, i, returning: i)
        for call in [{ _ = try typed(1, 2, 3, 4, 5, 6, 7, 8) }, { _ = try digits.call(Array(repeating: .i64(1), count: 8)) }] {
            do {
                try call()
                Issue.record("expected a trap")
            } catch let trap as Trap {
                #expect(trap.reason == .callStackExhausted)
                #expect(trap.location == ErrorLocation())
            }
        }
        #expect(try divide(84, 2) == 42)
    }

    @Test func aMismatchedSignatureIsRejectedOnce() throws {
        let store = Store()
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        #expect(throws: CallError.self) {
            try instance.function(named: "divide")!.typed(Int64.self, Int32.self, returning: Int32.self)
        }
    }
}

@Suite struct MemoryReservationTests {
    /// A memory reserves its maximum as address space; growing to 4 GiB commits nothing
    /// until pages are written, so a guest that grows memory cannot exhaust the host by it.
    @Test func growingToFourGiBIsCheapAndZeroFilled() throws {
        let store = Store()
        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))
        #expect(memory.grow(by: 65535) == 1)
        #expect(memory.byteCount == 1 << 32)
        #expect(try memory.read(at: (1 << 32) - 4, count: 4) == [0, 0, 0, 0])
        try memory.write([7], at: (1 << 32) - 1)
        #expect(try memory.read(at: (1 << 32) - 1, count: 1) == [7])
        #expect(memory.grow(by: 1) == nil)
    }
}
