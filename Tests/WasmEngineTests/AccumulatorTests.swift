import TestSupport
import WasmEngine
import Testing

/// The accumulator (Fixtures/accumulator.wat): an instruction reads the value the one before it
/// wrote from a register where it is sure to be there — reached only by falling through from
/// an instruction that leaves that value — and from its slot everywhere else.
@Suite struct AccumulatorTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("accumulator")
        instance = try Instance(module: module, store: Store())
    }

    @Test func aChainReadsEachResultFromTheAccumulator() throws {
        let code = try module.disassemble(functionIndex: 0)
        #expect(code.contains("i32_xor@1hi"))
        #expect(code.contains("i32_shr_u_imm@1hi"))
        #expect(code.contains("i32_sub@1hi"))
        let chain = try instance.function(named: "chain")!.typed(Int32.self, Int32.self, returning: Int32.self)
        var random = SplitMix(seed: 5)
        for _ in 0..<1000 {
            let a = UInt32(truncatingIfNeeded: random.next()), b = UInt32(truncatingIfNeeded: random.next())
            let expected = (((a &* b) ^ a) >> 5) &- b
            #expect(UInt32(bitPattern: try chain(Int32(bitPattern: a), Int32(bitPattern: b))) == expected)
        }
    }

    @Test func aTableBranchTakesItsIndexFromTheAccumulator() throws {
        #expect(try module.disassemble(functionIndex: 3).contains("br_table@1lo"))
        let select = try instance.function(named: "switch")!.typed(Int32.self, returning: Int32.self)
        for x: Int32 in [0, 1, 2, 3, 4, 7, -1, .min] {
            #expect(try select(x) == [10, 20, 30, 40][Int(x & 3)])
        }
    }

    /// A loop's first instruction is also reached by the back edge, where the accumulator holds
    /// the counter: it reads its slot. The branch on the counter reads the accumulator.
    @Test func aBranchTargetReadsItsSlot() throws {
        let code = try module.disassemble(functionIndex: 1).split(separator: "\n")
        let header = try #require(code.first { $0.contains("i32_xor_imm") })
        #expect(!header.contains("@"))
        #expect(code.contains { $0.contains("br_if_nez@1lo") })
        let loop = try instance.function(named: "loop")!.typed(Int32.self, Int32.self, returning: Int32.self)
        for (x, n) in [(3, 1), (3, 2), (12345, 7), (-9, 100)] as [(Int32, Int32)] {
            var v = UInt32(bitPattern: x) &* UInt32(bitPattern: x)
            for _ in 0..<n { v ^= 0x9E37_79B9 }
            #expect(UInt32(bitPattern: try loop(x, n)) == v)
        }
    }

    /// A catch's landing is reached from the throw as well as by falling through, so it reads its
    /// slot: the disassembly tells (the throw here happens to leave the same value in the
    /// accumulator, so the results alone could not), and the results check both ways in.
    @Test func aCatchLandingReadsItsSlot() throws {
        let code = try module.disassemble(functionIndex: 2)
        #expect(code.contains("i32_add_imm 16|16 1"))  // the landing: no accumulator form
        let caught = try instance.function(named: "caught")!.typed(Int32.self, returning: Int32.self)
        #expect(try caught(3) == 301)  // not thrown: 3 * 100 + 1
        #expect(try caught(20) == 20 + 1 + 60)  // thrown: x + 1 + 3x
    }
}
