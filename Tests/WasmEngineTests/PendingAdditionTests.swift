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

    /// In a superinstruction the branch reads the load's result from a register; when the load
    /// overwrote the add's slot, the load's value wins.
    @Test func aRunTakesTheLatestValueOfASlot() throws {
        #expect(try module.disassemble(functionIndex: 7).contains("i32_add_imm+i32_load8_u+br_if_eqz"))
        #expect(try module.disassemble(functionIndex: 8).contains("i32_add_imm+i32_load8_u+br_if_eqz"))
        let step = try instance.function(named: "step_byte")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try step(100, 3) == 101)  // mem[3] = 4
        #expect(try step(100, 50) == -1)  // mem[50] = 0
        let loadThrough = try instance.function(named: "load_through")!.typed(Int32.self, returning: Int32.self)
        #expect(try loadThrough(1) == 3)  // mem[2]
        #expect(try loadThrough(10) == -1)  // mem[11] = 0, though the sum 11 is not
    }

    @Test func aDeepOperandStackGrows() throws {
        let deep = try instance.function(named: "deep_stack")!.typed(Int32.self, returning: Int32.self)
        #expect(try deep(3) == 120)
    }
}
