import Hearth
import TestSupport
import Testing

/// Superinstructions run two operations in one handler; the second keeps its own code word.
@Suite struct SuperinstructionTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("superinstructions")
        instance = try Instance(module: module, store: Store())
    }

    @Test func pairsAreFormed() throws {
        let sum = try module.disassemble(functionIndex: 0)
        #expect(sum.contains("i32_add_imm+i32_load"))
        let mix = try module.disassemble(functionIndex: 1)
        #expect(mix.contains("i32_rotl_imm+i32_xor"))
        let overwrite = try module.disassemble(functionIndex: 3)
        #expect(overwrite.contains("copy2+copy2"))
    }

    @Test func aBranchToTheSecondInstructionRunsItAlone() throws {
        let sum = try instance.function(named: "sum")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try sum(12, 5) == 1 + 2 + 3 + 4 + 5)  // the data segment's words at 16...32
        #expect(try sum(12, 1) == 1)
        #expect(try sum(16, 3) == 2 + 3 + 4)
    }

    @Test func aChainComputesWhatItsPartsWould() throws {
        let mix = try instance.function(named: "mix")!.typed(Int32.self, Int32.self, returning: Int32.self)
        var random = SplitMix(seed: 7)
        for _ in 0..<1000 {
            let a = UInt32(truncatingIfNeeded: random.next()), b = UInt32(truncatingIfNeeded: random.next())
            let expected = ((a << 7 | a >> 25) ^ b) &+ a
            #expect(UInt32(bitPattern: try mix(Int32(bitPattern: a), Int32(bitPattern: b))) == expected)
        }
    }

    @Test func aSlotWrittenAgainIsReadAfresh() throws {
        let overwrite = try instance.function(named: "overwrite")!.typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try overwrite(2, 3, 7) == 2 + 7)
    }

    @Test func aTrapInTheSecondInstructionIsReported() throws {
        let load = instance.function(named: "load_past_end")!
        expectTrap(.outOfBoundsMemoryAccess) { try load.call([.i32(65532)]) }
        guard case .i32(0) = try load.call([.i32(0)]).first else {
            Issue.record("the instance should still run after a trap"); return
        }
    }
}
