import WasmBinary
import WasmEngine
import Testing

/// Extended constant expressions (WebAssembly 3.0): integer `add`, `sub` and `mul` in global
/// initialisers and segment offsets, validated on a stack and evaluated with wrapping
/// (Fixtures/constants.wat).
@Suite struct ExtendedConstantTests {
    func instantiate() throws -> Instance {
        let store = Store()
        var linker = Linker()
        linker.define("env", "base", .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(5))))
        linker.define("env", "wide", .global(Global(store: store, type: GlobalType(valueType: .i64, isMutable: false), value: .i64(1 << 40))))
        return try linker.instantiate(try Fixtures.module("constants"), in: store)
    }

    func integer(_ value: Value?) -> Int64? {
        switch value {
        case .i32(let v): Int64(v)
        case .i64(let v): v
        default: nil
        }
    }

    @Test func globalsAreComputedWithWrappingArithmetic() throws {
        let instance = try instantiate()
        #expect(integer(instance.global(named: "i32")?.value) == 17, "5 + 3 * 4")
        #expect(integer(instance.global(named: "wraps")?.value) == -1)
        #expect(integer(instance.global(named: "overflows")?.value) == 0x10000, "0x10000 * 0x10001 wraps to 0x10000")
        #expect(integer(instance.global(named: "i64")?.value) == 1_099_511_627_775_993, "2^40 * 1000 - 7")
    }

    @Test func segmentOffsetsAreComputed() throws {
        let instance = try instantiate()
        #expect(integer(try instance.function(named: "byte")!.call([.i32(3)]).first) == 0xAB)
        #expect(integer(try instance.function(named: "call")!.call([.i32(6)]).first) == 7)
        #expect(throws: Trap.self) { try instance.function(named: "call")!.call([.i32(5)]) }
    }
}
