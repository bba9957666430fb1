import WasmBinary
import WasmEngine
import Testing

/// `i32.wrap_i64` takes no instruction: a load or store takes the wrapped value (and an
/// `i64.add` and `i64.extend_i32_*` before it) as its address, 32-bit wrap included; anything
/// else computes it.
@Suite struct WrapFoldingTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("wraps")
        instance = try Instance(module: module, store: Store())
    }

    @Test func goStyleAddressArithmeticIsOneLoad() throws {
        let code = try module.disassemble(functionIndex: 0)
        #expect(code.contains("i32_load8_u_plus") && !code.contains("wrap") && !code.contains("extend")
                && !code.contains("i64_add"), "\(code)")
        let load = try instance.function(named: "go_load")!.typed(UInt32.self, returning: Int32.self)
        #expect(try load(0) == 3)
        #expect(try load(5) == 8)
        #expect(try load(UInt32.max) == 2)  // 2^32 - 1 + 2 wraps to 1
        expectTrap(.outOfBoundsMemoryAccess) { _ = try load(65_534) }
    }

    @Test func aSumOfTwoI64SlotsWrapsAt32Bits() throws {
        #expect(try module.disassemble(functionIndex: 1).contains("i32_store8_indexed"))
        let store = try instance.function(named: "indexed_store")!.typed(UInt64.self, UInt64.self, Int32.self)
        let load = try instance.function(named: "load")!.typed(UInt32.self, returning: Int32.self)
        try store(0xffff_ffff_0000_0010, 0x5_0000_0000, 42)  // low halves: 16
        #expect(try load(16) == 42)
        try store(0xffff_ffff, 0x12, 7)  // (2^32 - 1 + 18) mod 2^32 = 17
        #expect(try load(17) == 7)
    }

    @Test func aWrappedValueThatIsNotAnAddressIsComputed() throws {
        let low = try instance.function(named: "low_half")!.typed(UInt64.self, returning: UInt32.self)
        #expect(try low(0x1234_5678_9abc_def0) == 0x9abc_def0)
        let lowOfSum = try instance.function(named: "low_half_of_sum")!.typed(UInt64.self, returning: UInt32.self)
        #expect(try lowOfSum(0xffff_ffff) == 0)
        #expect(try lowOfSum(5) == 6)
    }

    @Test func anExtensionAlsoKeptInALocalStays() throws {
        #expect(try module.disassemble(functionIndex: 4).contains("extend"))
        let kept = try instance.function(named: "kept")!.typed(Int32.self, returning: Int64.self)
        #expect(try kept(-1) == -1)  // sign-extended into the local
        #expect(try kept(3) == 3)
    }

    @Test func aLocalThatChangesLaterGivesItsValueBefore() throws {
        let before = try instance.function(named: "before_change")!.typed(UInt64.self, returning: UInt32.self)
        #expect(try before(0x1_0000_0009) == 9)
    }
}
