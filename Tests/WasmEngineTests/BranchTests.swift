import TestSupport
import WasmEngine
import Testing

/// Branches the translator shapes (Fixtures/branches.wat): an `i32.and` branched on becomes one
/// bit test, a `br_table` entry whose label takes no values jumps straight to it, and a jump
/// to a `br_table` right after a constant goes to the entry the constant selects.
@Suite struct BranchTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("branches")
        instance = try Instance(module: module, store: Store())
    }

    @Test func aBitTestIsOneBranch() throws {
        #expect(try module.disassemble(functionIndex: 0).contains("br_i32_and_nez 0|8"))
        #expect(try module.disassemble(functionIndex: 1).contains("br_i32_and_eqz_imm 0 1"))
        #expect(try !module.disassemble(functionIndex: 2).contains("  i32_and"))  // no separate `and`
    }

    @Test func aBitTestBranchesBothWays() throws {
        let anyBits = try instance.function(named: "any_bits")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let lowBitClear = try instance.function(named: "low_bit_clear")!.typed(Int32.self, returning: Int32.self)
        let popcount = try instance.function(named: "popcount")!.typed(Int32.self, returning: Int32.self)
        var random = SplitMix(seed: 11)
        for _ in 0..<500 {
            let a = UInt32(truncatingIfNeeded: random.next()), b = UInt32(truncatingIfNeeded: random.next()) >> 20
            #expect(try anyBits(Int32(bitPattern: a), Int32(bitPattern: b)) == (a & b != 0 ? 1 : 0))
            #expect(try lowBitClear(Int32(bitPattern: a)) == (a & 1 == 0 ? 1 : 0))
            #expect(try popcount(Int32(bitPattern: a)) == Int32(a.nonzeroBitCount))
        }
        #expect(try anyBits(-1, 0) == 0)
        #expect(try popcount(-1) == 32)
    }

    /// A table's entries hold their targets' code words; an entry of a table in code that
    /// cannot run may point past the end of the function's code, and translating it works.
    @Test func aTableInCodeThatCannotRunIsTranslated() throws {
        #expect(try module.disassemble(functionIndex: 14).contains("br_table 0|1 6 6"))
        let deadTable = try instance.function(named: "dead_table")!.typed(Int32.self)
        expectTrap(.unreachable) { try deadTable(0) }
    }

    @Test func aTableEntryWithoutValuesJumpsStraightToItsLabel() throws {
        let code = try module.disassemble(functionIndex: 3)
        // Entries to blocks, to the loop's start (back: a negative distance) and out.
        #expect(code.contains("br_table 0|4 12 20 28 36 55"))
        #expect(code.contains("br_table@1lo 24|1 -49 -49"))  // its index computed right before it
        let dispatch = try instance.function(named: "dispatch")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try dispatch(0, 3) == 3 * 111)
        #expect(try dispatch(2, 1) == 100)
        #expect(try dispatch(3, 2) == 111)
        #expect(try dispatch(4, 5) == 0)  // the default: out at once
        #expect(try dispatch(-1, 5) == 0)
    }

    @Test func aTableEntryWithAValueCopiesItOnTheWay() throws {
        let pick = try instance.function(named: "pick")!.typed(Int32.self, returning: Int32.self)
        #expect(try pick(0) == 107)
        #expect(try pick(1) == 207)
        #expect(try pick(2) == 207)
        #expect(try module.disassemble(functionIndex: 4).contains("const+br 8 7"))  // the stub: value, then jump
    }

    @Test func aMoveBeforeABranchACallOrAReturnRunsInItsHandler() throws {
        let code = try module.disassemble(functionIndex: 5)
        #expect(code.contains("copy+br_i32_ne_imm") && code.contains("copy+return"), "\(code)")  // and the result's
        let fib = try instance.function(named: "fib_rotate")!.typed(Int32.self, returning: Int32.self)
        #expect(try fib(1) == 1)  // one pass: the branch falls through after its copy
        #expect(try fib(2) == 1)
        #expect(try fib(10) == 55)
        #expect(try fib(40) == 102_334_155)
        #expect(try module.disassemble(functionIndex: 12).contains("const+call"))  // a call, too
        #expect(try instance.function(named: "fib_ten")!.typed(returning: Int32.self)() == 55)
    }

    @Test func anOrOrAXorTestedByABranchIsOneBranch() throws {
        #expect(try module.disassemble(functionIndex: 6).contains("br_i32_or_eqz"))
        #expect(try module.disassemble(functionIndex: 7).contains("br_i32_eq "))
        let either = try instance.function(named: "either")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let differ = try instance.function(named: "differ")!.typed(Int32.self, Int32.self, returning: Int32.self)
        var random = SplitMix(seed: 5)
        for _ in 0..<300 {
            let a = Int32(truncatingIfNeeded: random.next()) >> 28, b = Int32(truncatingIfNeeded: random.next()) >> 28
            #expect(try either(a, b) == (a | b != 0 ? 1 : 0))
            let x = Int32(truncatingIfNeeded: random.next()) >> 30, y = Int32(truncatingIfNeeded: random.next()) >> 30
            #expect(try differ(x, y) == (x != y ? 1 : 0))
        }
        #expect(try either(0, 0) == 0)
        #expect(try differ(1 << 31, 0) == 1)
    }

    @Test func anEqzOfAComparisonTestedByABranchIsTheOppositeComparison() throws {
        let same = try module.disassemble(functionIndex: 8), notBelow = try module.disassemble(functionIndex: 9)
        #expect(same.contains("br_i32_eq ") && !same.contains("eqz"), "\(same)")
        #expect(notBelow.contains("br_i32_lt_s ") && !notBelow.contains("eqz"), "\(notBelow)")
        let sameBranch = try instance.function(named: "same")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let sameValue = try instance.function(named: "same_value")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let notBelowBranch = try instance.function(named: "not_below")!.typed(Int32.self, Int32.self, returning: Int32.self)
        for (a, b): (Int32, Int32) in [(0, 0), (1, 0), (0, 1), (-1, -1), (-1, 1), (5, 5), (Int32.min, Int32.max)] {
            #expect(try sameBranch(a, b) == (a == b ? 1 : 0))
            #expect(try sameValue(a, b) == (a == b ? 1 : 0))
            #expect(try notBelowBranch(a, b) == (a >= b ? 1 : 0))
        }
        // A comparison also kept in a local (local.tee) stays: the local is written.
        let kept = try instance.function(named: "kept_test")!.typed(Int32.self, returning: Int32.self)
        #expect(try kept(13) == 105)
        #expect(try kept(16) == 0)
    }

    /// A constant then a jump to a `br_table` on it goes to the entry the constant selects.
    @Test func aJumpToATableOnAConstantGoesToItsEntry() throws {
        let code = try module.disassemble(functionIndex: 13)
        // "   position  operation operands…": where each `br` lands, and where the table is.
        let lines = code.split(separator: "\n").map { $0.split(separator: " ") }
        let table = try #require(lines.first { $0.count > 1 && $0[1] == "br_table" }.flatMap { Int($0[0]) })
        let jumps = lines.filter { $0.count == 3 && $0[1] == "br" }.compactMap { line in Int(line[0]).flatMap { p in Int(line[2]).map { p + $0 } } }
        #expect(jumps.count == 3 && !jumps.contains(table), "\(code)")
        let states = try instance.function(named: "states")!.typed(Int32.self, returning: Int32.self)
        #expect(try states(1) == 2134)
        #expect(try states(0) == 134)
        #expect(try states(2) == 34)
        #expect(try states(3) == 4)
        #expect(try states(-1) == 4)
    }
}
