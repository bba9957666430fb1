import Testing
@testable import WasmBinary

/// The constant-expression reader generated from Utilities/instructions.py: constant
/// instructions with their immediates, every other instruction decoded and named.
@Suite struct ConstantExpressionTests {
    func read(_ bytes: [UInt8]) throws(WasmBinaryError) -> [ConstInstruction] {
        var reader = BinaryReader(bytes: bytes)
        let expression = try reader.readConstExpression()
        #expect(reader.isAtEnd, "the expression ends at its end byte")
        return expression.instructions
    }

    @Test func readsEveryConstantInstructionWithItsImmediate() throws {
        #expect(try read([0x41, 0x7F, 0x0B]) == [.i32Const(-1)])
        #expect(try read([0x42, 0x80, 0x7F, 0x0B]) == [.i64Const(-128)])
        // A signalling NaN's payload survives.
        #expect(try read([0x43, 0x01, 0x00, 0x80, 0x7F, 0x0B]) == [.f32Const(0x7F80_0001)])
        #expect(try read([0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x0B]) == [.f64Const(0x0807_0605_0403_0201)])
        #expect(try read([0x23, 0x02, 0x0B]) == [.globalGet(2)])
        #expect(try read([0xD0, 0x6F, 0x0B]) == [.refNull(.extern)])
        #expect(try read([0xD2, 0x85, 0x01, 0x0B]) == [.refFunc(133)])
        let v128: [UInt8] = [0xFD, 0x0C] + Array(1...16) + [0x0B]
        #expect(try read(v128) == [.v128Const(V128(bytes: Array(1...16)))])
        // Extended constant expressions: integer add, sub and mul.
        #expect(try read([0x41, 0x01, 0x41, 0x02, 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E, 0x0B])
                == [.i32Const(1), .i32Const(2), .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul])
    }

    @Test func decodesOtherInstructionsWithTheirImmediatesAndNamesThem() throws {
        // Each immediate must be consumed exactly, or the constant after it would misread.
        let cases: [([UInt8], String)] = [
            ([0x20, 0x80, 0x01], "local.get"),
            ([0x6D], "i32.div_s"),
            ([0x28, 0x02, 0x90, 0x03], "i32.load"),
            ([0x02, 0x40], "block"),
            ([0x0E, 0x02, 0x00, 0x01, 0x00], "br_table"),
            ([0x1C, 0x01, 0x7F], "select"),
            ([0x11, 0x01, 0x00], "call_indirect"),
            ([0x3F, 0x00], "memory.size"),
            ([0x3F, 0x80, 0x01], "memory.size"),
            ([0x28, 0x42, 0x81, 0x01, 0x10], "i32.load"),
            ([0xFC, 0x00], "i32.trunc_sat_f32_s"),
            ([0xFC, 0x08, 0x03, 0x00], "memory.init"),
            ([0xFC, 0x0A, 0x00, 0x00], "memory.copy"),
            ([0xFC, 0x0A, 0x01, 0x02], "memory.copy"),
            ([0xFC, 0x0E, 0x01, 0x02], "table.copy"),
            ([0xFD, 0x0E], "i8x16.swizzle"),
            ([0xFD, 0x15, 0x03], "i8x16.extract_lane_s"),
        ]
        for (bytes, name) in cases {
            #expect(try read(bytes + [0x41, 0x05, 0x0B]) == [.nonConstant(name), .i32Const(5)], "\(name)")
        }
    }

    @Test func badBytesAreDecodingErrors() {
        #expect(throws: WasmBinaryError("malformed memop flags", offset: 1)) { try read([0x28, 0x80, 0x01, 0x00, 0x0B]) }
        #expect(throws: WasmBinaryError("illegal opcode 0x27", offset: 0)) { try read([0x27, 0x0B]) }
        #expect(throws: WasmBinaryError(unsupported: .legacyExceptions, "opcode 0x6", offset: 0)) { try read([0x06, 0x0B]) }
        #expect(throws: WasmBinaryError(unsupported: .gc, "heap type 0x6e", offset: 1)) { try read([0xD0, 0x6E, 0x0B]) }
        #expect(throws: WasmBinaryError("illegal opcode 0xfc 18", offset: 0)) { try read([0xFC, 0x12, 0x0B]) }
        #expect(throws: WasmBinaryError("malformed heap type", offset: 1)) { try read([0xD0, 0x7F, 0x0B]) }
        #expect(throws: WasmBinaryError.self) { try read([0x41, 0x05]) }  // no end
    }
}
