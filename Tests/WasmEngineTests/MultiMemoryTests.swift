import WasmBinary
import WasmEngine
import Testing

/// Multi-memory (WebAssembly 3.0): every memory instruction names its memory, memory 0 in the
/// registers and the others through the instance, each memory with its own size, growth and
/// bounds, imported and exported through the Linker (Fixtures/memories.wat).
@Suite struct MultiMemoryTests {
    /// The fixture instantiated with two fresh memories for `env.first` (1 page) and
    /// `env.second` (1 page, at most 3), which are returned too.
    func instantiate() throws -> (instance: Instance, first: Memory, second: Memory) {
        let store = Store()
        let first = try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))
        let second = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 3)))
        var linker = Linker()
        linker.define("env", "first", .memory(first))
        linker.define("env", "second", .memory(second))
        return (try linker.instantiate(try Fixtures.module("memories"), in: store), first, second)
    }

    /// The integer results of calling export `name`.
    func call(_ instance: Instance, _ name: Name, _ arguments: Value...) throws -> [Int64] {
        try instance.function(named: name)!.call(arguments).map { result in
            switch result {
            case .i32(let value): Int64(value)
            case .i64(let value): value
            default: Int64.min
            }
        }
    }

    @Test func aStoreToOneMemoryIsSeenOnlyThere() throws {
        let (instance, _, _) = try instantiate()
        for memory in 0..<3 { _ = try call(instance, "store", .i32(Int32(memory)), .i32(100), .i32(Int32(memory) + 10)) }
        _ = try call(instance, "grow_d", .i32(1))
        _ = try call(instance, "store", .i32(3), .i32(100), .i32(13))
        for memory in 0..<4 {
            #expect(try call(instance, "load", .i32(Int32(memory)), .i32(100)) == [Int64(memory) + 10])
        }
        // Memory 0 folds `base + 8` into its access, memory 1 computes it first: same address.
        _ = try call(instance, "store", .i32(0), .i32(20), .i32(1000))
        _ = try call(instance, "store", .i32(1), .i32(20), .i32(234))
        #expect(try call(instance, "sum_at", .i32(8)) == [1234])
        _ = try call(instance, "store_i64_c", .i32(40), .i64(-2))
        #expect(try call(instance, "load_i64_c", .i32(40)) == [-2])
        #expect(try call(instance, "load", .i32(0), .i32(40)) == [0])
    }

    @Test func activeSegmentsFillTheMemoryTheyName() throws {
        let (instance, first, second) = try instantiate()
        #expect(try second.read(at: 16, count: 6) == Array("hearth".utf8))
        #expect(try first.read(at: 16, count: 6) == [0, 0, 0, 0, 0, 0])
        #expect(try call(instance, "load8_u_b", .i32(16)) == [Int64(UInt8(ascii: "h"))])
        #expect(try instance.memory(named: "third")!.read(at: 8, count: 1) == [42])
    }

    @Test func eachMemoryHasItsOwnSizeGrowthAndBounds() throws {
        let (instance, _, second) = try instantiate()
        #expect(try call(instance, "sizes") == [1, 1, 2, 0])
        #expect(try call(instance, "grow_b", .i32(2)) == [1])
        #expect(try call(instance, "grow_b", .i32(1)) == [-1], "memory 1's maximum is 3 pages")
        #expect(try call(instance, "grow_c", .i32(1)) == [2])
        #expect(try call(instance, "grow_d", .i32(2)) == [-1], "memory 3's maximum is 1 page")
        #expect(try call(instance, "sizes") == [1, 3, 3, 0])
        #expect(second.pageCount == 3)
        // The new pages of memory 1 are usable; memory 0 still ends at one page.
        _ = try call(instance, "store", .i32(1), .i32(3 * 65536 - 4), .i32(7))
        #expect(try call(instance, "load", .i32(1), .i32(3 * 65536 - 4)) == [7])
        let trap = try #require(throws: Trap.self) { try call(instance, "load", .i32(0), .i32(65536)) }
        #expect(trap.reason == .outOfBoundsMemoryAccess)
        #expect(throws: Trap.self) { try call(instance, "load", .i32(3), .i32(0)) }  // memory 3 is empty
        #expect(throws: Trap.self) { try call(instance, "store_i64_c", .i32(3 * 65536 - 8), .i64(1)) }  // offset 1
    }

    @Test func bulkAndVectorInstructionsReachAcrossMemories() throws {
        let (instance, first, second) = try instantiate()
        let third = instance.memory(named: "third")!, fourth = instance.memory(named: "fourth")!
        _ = try call(instance, "copy_b_to_c", .i32(1000), .i32(16), .i32(6))
        #expect(try third.read(at: 1000, count: 6) == Array("hearth".utf8))
        _ = try call(instance, "fill_c", .i32(1002), .i32(0x2D), .i32(2))
        #expect(try third.read(at: 1000, count: 6) == Array("he--th".utf8))
        #expect(throws: Trap.self) { try call(instance, "fill_c", .i32(2 * 65536 - 1), .i32(0), .i32(2)) }
        #expect(throws: Trap.self) { try call(instance, "copy_b_to_c", .i32(0), .i32(65535), .i32(2)) }
        try first.write([1, 2, 3, 4], at: 0)
        _ = try call(instance, "copy_in_a", .i32(2), .i32(0), .i32(4))
        #expect(try first.read(at: 0, count: 6) == [1, 2, 1, 2, 3, 4])
        _ = try call(instance, "grow_d", .i32(1))
        _ = try call(instance, "init_d", .i32(10), .i32(1), .i32(4))
        #expect(try fourth.read(at: 10, count: 4) == Array("ulti".utf8))

        try second.write(Array(100..<116), at: 200)
        _ = try call(instance, "copy16_b_to_c", .i32(300), .i32(200))
        #expect(try third.read(at: 300, count: 16) == Array(100..<116))
        try fourth.write([9, 8, 7], at: 50)
        _ = try call(instance, "lane_d_to_a", .i32(64), .i32(51))
        #expect(try first.read(at: 64, count: 16) == [0, 0, 0, 8] + Array(repeating: 0, count: 12))
        _ = try call(instance, "store_lane_c", .i32(400))
        #expect(try third.read(at: 399, count: 4) == [0, 0x34, 0x12, 0])
        #expect(throws: Trap.self) { try call(instance, "store_lane_c", .i32(2 * 65536 - 1)) }
    }

    @Test func memoriesAreExportedAndImportedByName() throws {
        let (instance, first, second) = try instantiate()
        // The exports of imported memories are the memories the linker gave.
        try instance.memory(named: "second")!.write([0x55], at: 7)
        #expect(try second.read(at: 7, count: 1) == [0x55])
        try first.write([0x66], at: 7)
        #expect(try instance.memory(named: "first")!.read(at: 7, count: 1) == [0x66])
        // By index, imports first.
        #expect(try instance.memory(at: 1)!.read(at: 7, count: 1) == [0x55])
        #expect(instance.memory(at: 2)!.pageCount == 2 && instance.memory(at: 3)!.pageCount == 0)
        #expect(instance.memory(at: 4) == nil && instance.memory(at: -1) == nil)

        // A second instance imports the first one's defined memories 2 and 3 as its 0 and 1.
        var linker = Linker()
        linker.define("env", "first", instance.exports["third"]!)
        linker.define("env", "second", .memory(second))
        let other = try linker.instantiate(try Fixtures.module("memories"), in: instance.store)
        _ = try call(other, "store", .i32(0), .i32(500), .i32(77))
        #expect(try call(instance, "load", .i32(2), .i32(500)) == [77])
        _ = try call(instance, "grow_c", .i32(1))
        #expect(try call(other, "sizes") == [3, 1, 2, 0])
        #expect(try call(other, "load", .i32(0), .i32(2 * 65536 + 4)) == [0], "memory 0 grew from the other instance")
    }

    @Test func anImportedMemoryMustMatchItsType() throws {
        let store = Store()
        var linker = Linker()
        linker.define("env", "first", .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))))
        linker.define("env", "second", .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))))
        let error = try #require(throws: LinkError.self) { try linker.instantiate(try Fixtures.module("memories"), in: store) }
        #expect(error.message.contains("\"env\".\"second\""))
    }

    /// Memory indices are validated per instruction; bit 6 of the alignment flags announces
    /// the index, and flags of 128 or more are malformed.
    @Test func anUnknownMemoryIsAValidationError() throws {
        // (memory 1) (func (i32.load <flags> <memory> 0 (i32.const 0)) drop)
        func module(_ access: [UInt8]) -> [UInt8] {
            let body: [UInt8] = [0x00, 0x41, 0x00] + access + [0x1A, 0x0B]
            return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
                    0x0A, UInt8(body.count + 2), 0x01, UInt8(body.count)] + body
        }
        _ = try Module(bytes: module([0x28, 0x42, 0x00, 0x00]))
        let error = try #require(throws: InvalidModuleError.self) { try Module(bytes: module([0x28, 0x42, 0x01, 0x00])) }
        #expect(error.message.hasPrefix("unknown memory 1"))
        #expect(throws: InvalidModuleError.self) { try Module(bytes: module([0x3F, 0x01, 0x1A, 0x41, 0x00])) }  // memory.size 1
        let malformed = try #require(throws: WasmBinaryError.self) { try Module(bytes: module([0x28, 0x82, 0x01, 0x00, 0x00])) }
        #expect(malformed.message.hasPrefix("malformed memop flags"))
    }

    /// Each memory reserves address space, so a module may have at most 100.
    @Test func aModuleMayHaveAHundredMemories() throws {
        func module(memories: Int) -> [UInt8] {
            // The memory section: the count (one LEB128 byte), then memories of 0 pages; its
            // size in two LEB128 bytes.
            let section: [UInt8] = [UInt8(memories)] + Array(repeating: 0x00, count: 2 * memories)
            let size = [UInt8(section.count & 0x7F | 0x80), UInt8(section.count >> 7)]
            return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x05] + size + section
        }
        _ = try Module(bytes: module(memories: 100))
        let error = try #require(throws: InvalidModuleError.self) { try Module(bytes: module(memories: 101)) }
        #expect(error.message.hasPrefix("too many memories: 101"))
    }
}
