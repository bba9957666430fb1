import WasmBinary
import WasmEngine
import Testing

/// Loads and stores that add their address themselves keep `i32.add`'s 32-bit wrap before the
/// offset is added, and still trap past the end of memory.
@Suite struct AddressFoldingTests {
    let module: Module
    let instance: Instance

    init() throws {
        module = try Fixtures.module("addressing")
        instance = try Instance(module: module, store: Store())
    }

    @Test func theAdditionIsFoldedIntoTheLoad() throws {
        #expect(try module.disassemble(functionIndex: 0).contains("i32_load8_u_indexed"))
        #expect(try module.disassemble(functionIndex: 1).contains("i32_load8_u_plus"))
        let kept = try module.disassemble(functionIndex: 2)
        #expect(!kept.contains("_indexed") && kept.contains("i32_add"))
        #expect(try module.disassemble(functionIndex: 3).contains("i32_store8_indexed"))
    }

    @Test func aSumOfTwoSlotsWrapsAt32Bits() throws {
        let indexed = try instance.function(named: "indexed")!.typed(UInt32.self, UInt32.self, returning: Int32.self)
        #expect(try indexed(2, 3) == 7)  // mem[6]
        #expect(try indexed(UInt32.max, 2) == 3)  // (2^32 + 1) mod 2^32 = 1, then offset 1: mem[2]
        #expect(try indexed(0x8000_0000, 0x8000_0000) == 2)  // wraps to 0: mem[1]
        expectTrap(.outOfBoundsMemoryAccess) { try indexed(65_534, 1) }  // 65535 + 1 is past the end
    }

    @Test func aSumWithAConstantWrapsAt32Bits() throws {
        let plus = try instance.function(named: "plus")!.typed(UInt32.self, returning: Int32.self)
        #expect(try plus(0) == 7)  // mem[6]
        #expect(try plus(UInt32.max - 4) == 2)  // wraps to 0, then offset 1: mem[1]
        expectTrap(.outOfBoundsMemoryAccess) { try plus(65_530) }
    }

    @Test func aStoreToASumOfTwoSlotsWrapsAt32Bits() throws {
        let store = try instance.function(named: "store_indexed")!.typed(UInt32.self, UInt32.self, Int32.self)
        let load = try instance.function(named: "indexed")!.typed(UInt32.self, UInt32.self, returning: Int32.self)
        try store(UInt32.max, 5, 99)  // wraps to 4, then offset 1: mem[5]
        #expect(try load(4, 0) == 99)
        try store(0x8000_0000, 0x8000_0000, 42)  // wraps to 0: mem[1]
        #expect(try load(0, 0) == 42)
        expectTrap(.outOfBoundsMemoryAccess) { try store(65_534, 1, 7) }
    }

    @Test func aSumAlsoKeptInALocalIsStillComputed() throws {
        let kept = try instance.function(named: "kept")!.typed(UInt32.self, UInt32.self, returning: Int32.self)
        #expect(try kept(1, 2) == 4 + 3)  // mem[3] + the sum
    }

    @Test func aConstantAddressIsAddedToTheOffsetWithoutWrapping() throws {
        #expect(try module.disassemble(functionIndex: 4).contains("i32_load8_u_absolute"))
        #expect(try module.disassemble(functionIndex: 5).contains("i32_store8_absolute"))
        let load = try instance.function(named: "absolute_load")!.typed(returning: Int32.self)
        #expect(try load() == 6)
        let store = try instance.function(named: "absolute_store")!.typed(Int32.self)
        try store(99)
        #expect(try instance.function(named: "indexed")!.typed(UInt32.self, UInt32.self, returning: Int32.self)(6, 0) == 99)
        let pastEnd = try instance.function(named: "absolute_past_end")!.typed(returning: Int32.self)
        expectTrap(.outOfBoundsMemoryAccess) { try pastEnd() }
    }

    @Test func aWideAccessEndsExactlyAtTheEndOfMemory() throws {
        let load = try instance.function(named: "plus_wide")!.typed(UInt32.self, returning: Int64.self)
        let store = try instance.function(named: "store_plus_wide")!.typed(UInt32.self, Int64.self)
        try store(65_520, -2)  // bytes 65,528 to 65,535: the last eight
        #expect(try load(65_520) == -2)
        expectTrap(.outOfBoundsMemoryAccess) { try load(65_521) }
        expectTrap(.outOfBoundsMemoryAccess) { try store(65_521, 1) }
        #expect(try load(65_520) == -2)  // the failed store wrote nothing
        #expect(try load(UInt32.max - 4) == 0x0000_0008_0706_0504)  // wraps to 0, then offset 3: bytes 3 to 10
    }

    @Test func anOffsetWhoseEndPassesThirtyTwoBitsStillTraps() throws {
        #expect(try !module.disassemble(functionIndex: 9).contains("_plus"))
        #expect(try !module.disassemble(functionIndex: 10).contains("_indexed"))
        let load = try instance.function(named: "plus_largest_offset")!.typed(UInt32.self, returning: Int32.self)
        let store = try instance.function(named: "store_indexed_largest_offset")!.typed(UInt32.self, UInt32.self)
        expectTrap(.outOfBoundsMemoryAccess) { try load(0) }
        expectTrap(.outOfBoundsMemoryAccess) { try load(UInt32.max) }  // wraps to 0, then 2^32 - 1 past it
        expectTrap(.outOfBoundsMemoryAccess) { try store(1, 1) }
    }
}
