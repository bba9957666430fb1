import WasmBinary
import WasmEngine
import Testing

@Suite struct ConstantExpressionValidationTests {
    /// A module with one immutable i32 global initialized by `expression` (with its `end`).
    func module(global expression: [UInt8]) -> [UInt8] {
        let contents: [UInt8] = [0x01, 0x7F, 0x00] + expression
        return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x06, UInt8(contents.count)] + contents
    }

    @Test func aConstantInitializerIsValid() throws {
        _ = try Module(bytes: module(global: [0x41, 0x07, 0x0B]))
    }

    /// A non-constant instruction decodes, so the module is invalid, not malformed, and the
    /// error names the instruction.
    @Test func aNonConstantInstructionIsAValidationErrorNamingIt() throws {
        let error = try #require(throws: InvalidModuleError.self) {
            try Module(bytes: module(global: [0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]))
        }
        #expect(error.message == "constant expression required: i32.add is not constant")
    }
}
