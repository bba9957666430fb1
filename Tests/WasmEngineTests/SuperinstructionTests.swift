import WasmBinary
import WasmEngine
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

    /// A linked superinstruction passes the index and the loaded byte in registers and stores
    /// neither; the bytes must still land where the plain operations would put them.
    @Test func aLinkedRunComputesWhatItsPartsWould() throws {
        #expect(try module.disassemble(functionIndex: 4).contains("i32_xor_imm+i32_load8_u_indexed+i32_store8_plus+linked"))
        let reverse = try instance.function(named: "reverse")!.typed(Int32.self, Int32.self, Int32.self)
        let memory = try #require(instance.memory(named: "memory"))
        var random = SplitMix(seed: 11)
        for count in stride(from: 0, through: 64, by: 2) {
            let input = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try memory.withUnsafeMutableBytes(at: 1000, count: count) { $0.copyBytes(from: input) }
            try reverse(1000, Int32(count), 2000)
            let output = try memory.withUnsafeBytes(at: 2000, count: count) { Array($0) }
            #expect(output == input.reversed(), "length \(count)")
        }
    }

    @Test func aTrapInALinkedRunIsReported() throws {
        let reverse = try instance.function(named: "reverse")!.typed(Int32.self, Int32.self, Int32.self)
        expectTrap(.outOfBoundsMemoryAccess) { try reverse(65_530, 8, 0) }  // reads past the end
        expectTrap(.outOfBoundsMemoryAccess) { try reverse(0, 8, 65_531) }  // writes past the end
        try reverse(0, 2, 100)  // and the instance still runs
    }

    /// Where the code does not meet a linked form's assumptions, the plain superinstruction
    /// runs: a result read again later, a store whose address is not the linked sum.
    @Test func aLinkedFormIsUsedOnlyWhereItsAssumptionsHold() throws {
        #expect(try !module.disassemble(functionIndex: 5).contains("linked"))
        #expect(try !module.disassemble(functionIndex: 6).contains("linked"))
        let memory = try #require(instance.memory(named: "memory"))
        try memory.withUnsafeMutableBytes(at: 1000, count: 4) { $0.copyBytes(from: [9, 8, 7, 6]) }
        let keep = try instance.function(named: "reverse_keep")!.typed(Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try keep(1000, -4, 2000) == 7)  // reads in + (-4 ^ -2) = in + 2: byte 1002
        #expect(try memory.withUnsafeBytes(at: 2001, count: 1) { $0[0] } == 7)
        let elsewhere = try instance.function(named: "store_elsewhere")!.typed(Int32.self, Int32.self, Int32.self, Int32.self, returning: Int32.self)
        #expect(try elsewhere(100, 20, 1001, 3000) == 120 + 8)
    }

    /// The multiply-accumulate runs link where an addition is computed late: when the next
    /// address is pushed (the sum on the stack) or by `local.set`.
    @Test func aLinkedMultiplyAccumulateSums() throws {
        #expect(try module.disassemble(functionIndex: 7).contains("i32_load16_s_plus+i32_mul+i32_add+linked"))
        #expect(try module.disassemble(functionIndex: 8).contains("i32_load16_s_plus+i32_mul+i32_add+linked"))
        let memory = try #require(instance.memory(named: "memory"))
        let halves: [Int16] = [3, -7, 11, 300]
        for (index, half) in halves.enumerated() {
            try memory.withUnsafeMutableBytes(at: 500 + 4 * index, count: 2) { $0.storeBytes(of: half.littleEndian, as: Int16.self) }
        }
        for name: Name in ["dot_stack", "dot_local"] {
            let dot = try instance.function(named: name)!.typed(Int32.self, Int32.self, returning: Int32.self)
            #expect(try dot(500, -5) == (3 - 7 + 11 + 300) * -5, "\(name)")
        }
    }
}

