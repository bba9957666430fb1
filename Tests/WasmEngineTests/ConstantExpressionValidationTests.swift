import WasmBinary
import WasmEngine
import Testing

@Suite struct ConstantExpressionValidationTests {
    /// A module with one immutable global (i32 unless `type` is another value type's byte)
    /// initialized by `expression` (with its `end`).
    func module(global expression: [UInt8], type: UInt8 = 0x7F) -> [UInt8] {
        let contents: [UInt8] = [0x01, type, 0x00] + expression
        return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x06, UInt8(contents.count)] + contents
    }

    @Test func aConstantInitializerIsValid() throws {
        _ = try Module(bytes: module(global: [0x41, 0x07, 0x0B]))
    }

    /// A non-constant instruction decodes, so the module is invalid, not malformed, and the
    /// error names the instruction.
    @Test func aNonConstantInstructionIsAValidationErrorNamingIt() throws {
        let error = try #require(throws: InvalidModuleError.self) {
            try Module(bytes: module(global: [0x41, 0x01, 0x41, 0x02, 0x6D, 0x0B]))
        }
        #expect(error.message == "constant expression required: i32.div_s is not constant")
    }

    /// Extended constant expressions (3.0): integer add, sub and mul take two operands of
    /// their type from the expression's stack.
    @Test func integerArithmeticIsConstantOnOperandsOfItsType() throws {
        _ = try Module(bytes: module(global: [0x41, 0x01, 0x41, 0x02, 0x6A, 0x41, 0x03, 0x6C, 0x0B]))  // (1 + 2) * 3
        _ = try Module(bytes: module(global: [0x42, 0x01, 0x42, 0x02, 0x7D, 0x0B], type: 0x7E))  // 1 - 2
        let cases: [([UInt8], String)] = [
            ([0x41, 0x01, 0x6A, 0x0B], "type mismatch"),  // one operand
            ([0x41, 0x01, 0x42, 0x02, 0x6A, 0x0B], "type mismatch"),  // an i64 operand
            ([0x42, 0x01, 0x42, 0x02, 0x7C, 0x0B], "type mismatch"),  // an i64 result for an i32 global
            ([0x41, 0x01, 0x41, 0x02, 0x41, 0x03, 0x6B, 0x0B], "type mismatch"),  // two values left
        ]
        for (expression, reason) in cases {
            let error = try #require(throws: InvalidModuleError.self) { try Module(bytes: module(global: expression)) }
            #expect(error.message.hasPrefix(reason), "\(expression)")
        }
    }
}
