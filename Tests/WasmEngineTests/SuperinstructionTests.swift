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
        let spill = try module.disassemble(functionIndex: 9)
        #expect(spill.contains("i32_store+i32_load+i32_load"))
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

    /// A stored value and a pointer loaded and followed in one run: the second load's address
    /// is the first's result, taken from a register.
    @Test func aSpillAndAPointerChaseComputeWhatTheirPartsWould() throws {
        let memory = try #require(instance.memory(named: "memory"))
        try memory.withUnsafeMutableBytes(at: 600, count: 12) {
            $0.storeBytes(of: UInt32(608).littleEndian, toByteOffset: 4, as: UInt32.self)
            $0.storeBytes(of: UInt32(0xCAFE).littleEndian, toByteOffset: 8, as: UInt32.self)
        }
        let spillAndChase = try instance.function(named: "spill_and_chase")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try spillAndChase(600, 77) == 0xCAFE)
        #expect(try memory.withUnsafeBytes(at: 600, count: 4) { $0.load(as: UInt32.self) } == 77)
        // The chased pointer now points at the stored word itself.
        try memory.withUnsafeMutableBytes(at: 604, count: 4) { $0.storeBytes(of: UInt32(600).littleEndian, as: UInt32.self) }
        #expect(try spillAndChase(600, 1234) == 1234)
        expectTrap(.outOfBoundsMemoryAccess) { try spillAndChase(65_534, 1) }
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

    /// A linked superinstruction passes the loaded byte and the xor in registers and stores
    /// the byte nowhere; the hash must still be what the plain operations compute.
    @Test func aLinkedRunComputesWhatItsPartsWould() throws {
        #expect(try module.disassemble(functionIndex: 4).contains("i32_load8_u_plus+i32_xor+i32_mul_imm+linked"))
        let fnv4 = try instance.function(named: "fnv4")!.typed(Int32.self, Int32.self, returning: Int32.self)
        let memory = try #require(instance.memory(named: "memory"))
        var random = SplitMix(seed: 11)
        for _ in 0..<200 {
            let bytes = (0..<4).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let seed = UInt32(truncatingIfNeeded: random.next())
            try memory.withUnsafeMutableBytes(at: 1000, count: 4) { $0.copyBytes(from: bytes) }
            let expected = bytes.reduce(seed) { ($0 ^ UInt32($1)) &* 16_777_619 }
            #expect(UInt32(bitPattern: try fnv4(1000, Int32(bitPattern: seed))) == expected)
        }
    }

    @Test func aTrapInALinkedRunIsReported() throws {
        let fnv4 = try instance.function(named: "fnv4")!.typed(Int32.self, Int32.self, returning: Int32.self)
        expectTrap(.outOfBoundsMemoryAccess) { _ = try fnv4(65_534, 0) }  // its third byte is past the end
        _ = try fnv4(0, 0)  // and the instance still runs
    }

    /// Where the code does not meet a linked form's assumptions, the plain superinstruction
    /// runs: the loaded byte is read again later.
    @Test func aLinkedFormIsUsedOnlyWhereItsAssumptionsHold() throws {
        let keepCode = try module.disassemble(functionIndex: 5)
        #expect(keepCode.contains("i32_load8_u_plus+i32_xor+i32_mul_imm") && !keepCode.contains("linked"))
        let memory = try #require(instance.memory(named: "memory"))
        try memory.withUnsafeMutableBytes(at: 1000, count: 4) { $0.copyBytes(from: [9, 8, 7, 6]) }
        let keep = try instance.function(named: "fnv_keep")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(UInt32(bitPattern: try keep(1000, 5)) == ((5 ^ 8) &* 16_777_619) &+ 8)
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

    /// A run may start with a conditional branch: not taken, the run goes on in the same
    /// handler; taken, it leaves from the middle. A list of (key, next) nodes at 2000...
    @Test func aRunGoesOnPastABranchNotTakenAndLeavesWhereOneIs() throws {
        #expect(try module.disassemble(functionIndex: 10).contains("br_i32_eq+i32_load+br_if_nez"))
        let memory = try #require(instance.memory(named: "memory"))
        let keys: [UInt32] = [5, 9, 2, 9, 7]
        try writeList(keys, at: 2000, in: memory)
        let find = try instance.function(named: "find")!.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try find(2000, 5) == 2000)  // the first node: the branch taken at once
        #expect(try find(2000, 9) == 2008)  // the first of two
        #expect(try find(2000, 7) == 2032)
        #expect(try find(2000, 4) == 0)  // no match: to the end of the list
        #expect(try find(2016, 5) == 0)
        // A node whose next pointer lies past the end of memory: the run's load traps.
        try memory.withUnsafeMutableBytes(at: 65_532, count: 4) { $0.storeBytes(of: UInt32(1).littleEndian, as: UInt32.self) }
        expectTrap(.outOfBoundsMemoryAccess) { _ = try find(65_532, 2) }
        #expect(try find(65_532, 1) == 65_532)
    }

    /// The list reversal's loop (two moves, a load, a store and the back edge) in one handler.
    @Test func aListReversedInOneHandlerPerNode() throws {
        #expect(try module.disassemble(functionIndex: 11).contains("copy2+i32_load+i32_store+br_if_nez"))
        let memory = try #require(instance.memory(named: "memory"))
        try writeList([1, 2, 3, 4], at: 3000, in: memory)
        let reverse = try instance.function(named: "reverse")!.typed(Int32.self, returning: Int32.self)
        #expect(try reverse(0) == 0)
        let head = try reverse(3000)
        #expect(head == 3024)
        var keys: [UInt32] = [], node = UInt32(head)
        while node != 0 {
            keys.append(try memory.withUnsafeBytes(at: Int(node), count: 4) { $0.load(as: UInt32.self) })
            node = try memory.withUnsafeBytes(at: Int(node) + 4, count: 4) { $0.load(as: UInt32.self) }
        }
        #expect(keys == [4, 3, 2, 1])
        #expect(try reverse(3024) == 3000)  // and back
    }

    /// Nodes of (key, next) words, 8 bytes apart from `base`, the last one's next 0.
    private func writeList(_ keys: [UInt32], at base: Int, in memory: Memory) throws {
        for (index, key) in keys.enumerated() {
            let next = index + 1 < keys.count ? UInt32(base + 8 * (index + 1)) : 0
            try memory.withUnsafeMutableBytes(at: base + 8 * index, count: 8) {
                $0.storeBytes(of: key.littleEndian, toByteOffset: 0, as: UInt32.self)
                $0.storeBytes(of: next.littleEndian, toByteOffset: 4, as: UInt32.self)
            }
        }
    }
}
