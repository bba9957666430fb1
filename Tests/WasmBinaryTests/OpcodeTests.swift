import Testing
import WasmBinary

@Suite struct OpcodeTests {
    /// `init(opcodeInRange:)` relies on the cases' numbers following their opcodes.
    @Test func everyOpcodeInARangeMapsToItsOperator() {
        #expect(NumericOp.allCases.count == 0xC4 - 0x45 + 1)
        for opcode in UInt8(0x45)...0xC4 {
            #expect(NumericOp(opcodeInRange: opcode) == NumericOp(rawValue: opcode))
        }
        #expect(LoadOp.allCases.count == 0x35 - 0x28 + 1)
        for opcode in UInt8(0x28)...0x35 {
            #expect(LoadOp(opcodeInRange: opcode) == LoadOp(rawValue: opcode))
        }
        #expect(StoreOp.allCases.count == 0x3E - 0x36 + 1)
        for opcode in UInt8(0x36)...0x3E {
            #expect(StoreOp(opcodeInRange: opcode) == StoreOp(rawValue: opcode))
        }
    }
}
