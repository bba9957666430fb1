import Testing
@testable import WasmBinary

@Suite struct LEB128Tests {
    func unsigned(_ bytes: [UInt8], bits: Int = 32) throws(WasmBinaryError) -> UInt64 {
        var reader = BinaryReader(bytes: bytes)
        return try reader.readUnsigned(bits: bits)
    }

    func signed(_ bytes: [UInt8], bits: Int) throws(WasmBinaryError) -> Int64 {
        var reader = BinaryReader(bytes: bytes)
        return try reader.readSigned(bits: bits)
    }

    @Test func decodesPaddedEncodings() throws {
        // LLVM pads call_indirect's table index to five bytes.
        #expect(try unsigned([0x80, 0x80, 0x80, 0x80, 0x00]) == 0)
        #expect(try unsigned([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == UInt64(UInt32.max))
        #expect(try signed([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], bits: 32) == -1)
        #expect(try signed([0x80, 0x80, 0x80, 0x80, 0x78], bits: 32) == Int64(Int32.min))
        #expect(try signed([0x7F], bits: 64) == -1)
    }

    /// The one-byte path: seven value bits, sign-extended from the top one.
    @Test func decodesOneByteSignedValues() throws {
        #expect(try signed([0x00], bits: 32) == 0)
        #expect(try signed([0x3F], bits: 32) == 63)
        #expect(try signed([0x40], bits: 32) == -64)
        #expect(try signed([0x7F], bits: 33) == -1)
        var reader = BinaryReader(bytes: [0x05, 0x7E])
        #expect(try reader.readSigned(bits: 64) == 5)
        #expect(try reader.readSigned(bits: 64) == -2)
        #expect(reader.isAtEnd)
    }

    /// The two-byte path, and where it must not apply: a third byte, too few value bits, the
    /// input ending after the first byte.
    @Test func decodesTwoByteUnsignedValues() throws {
        #expect(try unsigned([0x80, 0x01]) == 128)
        #expect(try unsigned([0xFF, 0x7F]) == 16_383)
        #expect(try unsigned([0xA0, 0x02, 0x99]) == 288)
        #expect(try unsigned([0x80, 0x80, 0x01]) == 16_384)
        #expect(try unsigned([0xFF, 0x01], bits: 8) == 255)
        #expect(try rejection { try unsigned([0xFF, 0x02], bits: 8) } == "integer too large")
        #expect(throws: WasmBinaryError("unexpected end", offset: 1)) { try unsigned([0x80]) }
    }

    /// The error `body` throws: each rejection below is for one reason, which it must name.
    func rejection(_ body: () throws -> Any) throws -> String {
        try #require(throws: WasmBinaryError.self) { _ = try body() }.message
    }

    @Test func rejectsUnusedBitsInTheLastByte() throws {
        #expect(try rejection { try unsigned([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]) } == "integer too large")
        #expect(try rejection { try signed([0xFF, 0xFF, 0xFF, 0xFF, 0x4F], bits: 32) } == "integer too large")
        #expect(try rejection { try signed([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02], bits: 64) } == "integer too large")
    }

    @Test func rejectsOverlongEncodings() throws {
        #expect(try rejection { try unsigned([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]) } == "integer representation too long")
        #expect(try rejection { try signed([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], bits: 32) } == "integer representation too long")
    }

    @Test func reportsTheOffsetOfTruncatedInput() {
        var reader = BinaryReader(bytes: [0x01, 0x80])
        _ = try? reader.readByte()
        #expect(throws: WasmBinaryError("unexpected end", offset: 2)) { try reader.readU32() }
    }

    /// Reads check only against the limit (the buffer's own check is skipped): an offset
    /// before the start or past a narrowed limit is still the end, never a byte outside.
    @Test func readsStopAtTheLimitAndNeverBeforeTheStart() throws {
        var reader = BinaryReader(bytes: [0x01, 0x02, 0x03, 0x04])
        reader.narrow(to: 1..<3)
        #expect(try reader.readByte() == 2)
        #expect(try reader.readU32() == 3)
        #expect(throws: WasmBinaryError.self) { try reader.readByte() }
        #expect(throws: WasmBinaryError.self) { try reader.readSigned(bits: 32) }
        reader.offset = -1
        #expect(throws: WasmBinaryError.self) { try reader.readByte() }
        #expect(throws: WasmBinaryError.self) { try reader.readU32() }
        #expect(throws: WasmBinaryError.self) { try reader.readSigned(bits: 64) }
    }
}
