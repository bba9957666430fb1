import Testing
import WasmBinary

@Suite struct OpcodeTests {
    /// `init(opcodeInRange:)` relies on the cases' numbers following their opcodes.
    @Test func everyNumericOpcodeMapsToItsOperator() {
        #expect(NumericOp.allCases.count == 0xC4 - 0x45 + 1)
        for opcode in UInt8(0x45)...0xC4 {
            #expect(NumericOp(opcodeInRange: opcode) == NumericOp(rawValue: opcode))
        }
    }
}
