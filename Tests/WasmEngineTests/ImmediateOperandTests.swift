import WasmBinary
import WasmEngine
import Testing

/// Constants that become immediates instead of `const` instructions keep every operation's
/// meaning: operand order (left immediates), NaN and signed zeros (floats), truncation and
/// traps (stores).
@Suite struct ImmediateOperandTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("immediates")
        instance = try Instance(module: module, store: Store())
    }

    /// The fixture's functions in order (no imports: an export's position is its index).
    static let functions = ["sub_from", "shl_one", "div_into", "rotl_wide", "one_minus", "min_of", "ten_below",
                            "wide_at_least", "float_below", "branch_below", "store_plain", "store_plus",
                            "store_indexed", "store_absolute", "store_past_end", "load32", "load64", "pick"]

    func code(_ name: String) throws -> String {
        try module.disassemble(functionIndex: UInt32(Self.functions.firstIndex(of: name)!))
    }

    @Test func aConstantLeftOperandIsAnImmediate() throws {
        for name in ["sub_from", "shl_one", "div_into", "rotl_wide", "one_minus", "min_of"] {
            let code = try code(name)
            #expect(code.contains("_imm_left") && !code.contains("const"), "\(name): \(code)")
        }
        let subFrom = try instance.function(named: "sub_from")!.typed(Int32.self, returning: Int32.self)
        #expect(try subFrom(1) == 99)
        #expect(try subFrom(101) == -1)
        let shlOne = try instance.function(named: "shl_one")!.typed(UInt32.self, returning: UInt32.self)
        #expect(try shlOne(5) == 32)
        #expect(try shlOne(33) == 2)  // the count is taken mod 32
        let divInto = try instance.function(named: "div_into")!.typed(Int32.self, returning: Int32.self)
        #expect(try divInto(2) == -3)  // -7 / 2, not 2 / -7
        expectTrap(.integerDivideByZero) { _ = try divInto(0) }
        let rotl = try instance.function(named: "rotl_wide")!.typed(UInt64.self, returning: UInt64.self)
        #expect(try rotl(1) == 0x3)
        #expect(try rotl(4) == 0x18)
        let oneMinus = try instance.function(named: "one_minus")!.typed(Float.self, returning: Float.self)
        #expect(try oneMinus(0.25) == 0.75)
        #expect(try oneMinus(3) == -2)
        let minOf = try instance.function(named: "min_of")!.typed(Double.self, returning: Double.self)
        #expect(try minOf(0).sign == .minus)  // min(-0, +0) is -0
        #expect(try minOf(-1) == -1)
        #expect(try minOf(.nan).isNaN)
    }

    @Test func aComparisonWithAConstantLeftOperandIsMirrored() throws {
        for name in ["ten_below", "wide_at_least", "float_below"] {
            #expect(!(try code(name)).contains("const"), "\(name)")
        }
        let branch = try code("branch_below")
        // Its results are constants; its condition is not: the mirrored comparison with an immediate.
        #expect(branch.contains("br_i32_gt_u_imm") || branch.contains("br_i32_le_u_imm"), "\(branch)")
        let tenBelow = try instance.function(named: "ten_below")!.typed(Int32.self, returning: Int32.self)
        #expect(try tenBelow(11) == 1)
        #expect(try tenBelow(10) == 0)
        #expect(try tenBelow(-20) == 0)
        let wide = try instance.function(named: "wide_at_least")!.typed(UInt64.self, returning: Int32.self)
        #expect(try wide(5) == 1)
        #expect(try wide(6) == 0)
        #expect(try wide(UInt64.max) == 0)  // unsigned
        let floatBelow = try instance.function(named: "float_below")!.typed(Double.self, returning: Int32.self)
        #expect(try floatBelow(3) == 1)
        #expect(try floatBelow(2.5) == 0)
        #expect(try floatBelow(.nan) == 0)
        let branchBelow = try instance.function(named: "branch_below")!.typed(UInt32.self, returning: Int32.self)
        #expect(try branchBelow(11) == 1)
        #expect(try branchBelow(10) == 0)
        #expect(try branchBelow(UInt32.max) == 1)  // unsigned
    }

    @Test func aStoreOfAConstantTakesItAsAnImmediate() throws {
        for (name, form) in [("store_plain", "i64_store_imm "), ("store_plus", "i64_store_imm_plus"),
                             ("store_indexed", "f64_store_imm_indexed"), ("store_absolute", "i64_store_imm_absolute")] {
            let code = try code(name)
            #expect(code.contains(form) && !code.contains("const"), "\(name): \(code)")
        }
        let load32 = try instance.function(named: "load32")!.typed(UInt32.self, returning: UInt32.self)
        let load64 = try instance.function(named: "load64")!.typed(UInt32.self, returning: UInt64.self)
        try instance.function(named: "store_plain")!.typed(UInt32.self)(100)
        #expect(try load32(100) == 0x1122_3344)
        #expect(try load32(104) == 0xff)  // only the low byte of 0x1ff
        #expect(try load64(108) == 0x0102_0304_0506_0708)
        #expect(try load32(116) == 0xa0b0_c0d0)  // only the low 32 bits
        #expect(try load32(120) == (-1.5 as Float).bitPattern)
        #expect(try load64(124) == 0x7ff4_0000_0000_0001)  // the NaN's payload, bit for bit
        try instance.function(named: "store_plus")!.typed(UInt32.self)(200)
        #expect(try load32(202) & 0xffff == 0xabcd)
        #expect(try load64(208) == UInt64.max - 1)
        try instance.function(named: "store_indexed")!.typed(UInt32.self, UInt32.self)(300, 4)
        #expect(try load32(304) & 0xffff == 0x1234)
        #expect(try load64(312) == (0.25 as Double).bitPattern)
        try instance.function(named: "store_absolute")!.typed()()
        #expect(try load32(60004) == 77)
        #expect(try load64(60016) == 0x7766_5544_3322_1100)
        let pastEnd = try instance.function(named: "store_past_end")!.typed(UInt32.self)
        try pastEnd(65_528)
        expectTrap(.outOfBoundsMemoryAccess) { try pastEnd(65_529) }
    }

    @Test func twoConstantsInARowAreOneInstruction() throws {
        let code = try code("pick")
        #expect(code.contains("const2") && !code.contains("const "), "\(code)")
        let pick = try instance.function(named: "pick")!.typed(Int32.self, returning: Int64.self)
        #expect(try pick(1) == 0x1_0000_0002)
        #expect(try pick(0) == -3)
    }
}
