import WasmBinary
import WasmEngine
import Testing

/// The translator computes an `i32.add` only where its sum is needed (a load or store takes it
/// into its address). These functions keep a sum pending while its inputs could be spoiled.
@Suite struct PendingAdditionTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("additions")
        instance = try Instance(module: module, store: Store())
    }

    private func binary(_ name: Name) throws -> TypedFunction<(Int32, Int32), Int32> {
        try instance.function(named: name)!.typed(Int32.self, Int32.self, returning: Int32.self)
    }

    @Test func aSumIsComputedBeforeItsLocalChanges() throws {
        #expect(try binary("local_changes")(5, 3) == (5 + 1) + 3 * 3)
    }

    @Test func aSumReadingTheSlotAboveIsComputedBeforeThatSlotIsReused() throws {
        #expect(try binary("slot_above")(10, 6) == 10 + (6 ^ 3) - 6 * 5)
    }

    @Test func aSumWhoseBaseIsTheSlotAboveIsComputedBeforeThatSlotIsReused() throws {
        #expect(try binary("constant_first")(5, 4) == 8)
    }

    @Test func aSumIsComputedBeforeACallWritesAboveIt() throws {
        #expect(try binary("across_call")(10, 6) == 10 + (6 ^ 3) - 7)
    }

    @Test func aStoreTakesAnAdditionMadeBeforeItsValue() throws {
        #expect(try module.disassemble(functionIndex: 4).contains("i32_store8_plus"))
        #expect(try binary("store_later")(2, 9) == 9 ^ 3)
    }

    @Test func resultsAreComputedBeforeTheLocalsTheyOverwrite() throws {
        let results = try instance.function(named: "two_results")!.call([.i32(10), .i32(20)])
        guard results.count == 2, case .i32(let first) = results[0], case .i32(let second) = results[1] else {
            Issue.record("expected two i32 results, got \(results)"); return
        }
        #expect(first == 21 && second == 12)
    }

    @Test func aBranchCarriesASum() throws {
        let branch = try instance.function(named: "branch_value")!.typed(Int32.self, returning: Int32.self)
        #expect(try branch(3) == 13)
        #expect(try branch(4) == 24)
    }

    /// In a superinstruction the store reads the add's result from a register; when the load
    /// between them wrote the same slot, the load's value wins.
    @Test func aRunTakesTheLatestValueOfASlot() throws {
        #expect(try module.disassemble(functionIndex: 7).contains("i32_add+i32_load8_u+i32_store8"))
        #expect(try module.disassemble(functionIndex: 8).contains("i32_add+i32_load8_u+i32_store8"))
        let copy = try instance.function(named: "copy_byte")!.typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try copy(100, 20, 3) == 4)  // mem[120] = mem[3]
        let storeThrough = try instance.function(named: "store_through")!.typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try storeThrough(1, 1, 99) == 99)  // mem[mem[2]] = mem[3] = 99
    }

    @Test func aDeepOperandStackGrows() throws {
        let deep = try instance.function(named: "deep_stack")!.typed(Int32.self, returning: Int32.self)
        #expect(try deep(3) == 120)
    }
}
