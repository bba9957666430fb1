/// Reads the primitive encodings of the binary format (spec 5.2) from a byte buffer,
/// keeping the offset for error messages.
///
/// `limit` is never negative nor past the buffer's end, so a read at an offset from 0 up to
/// `limit` needs no other bounds check (`hasByte(at:)`, `byte(at:)`).
package struct BinaryReader: Sendable {
    /// The whole buffer (a module's bytes); offsets index into it.
    package let bytes: [UInt8]
    /// Where the next read starts.
    package var offset: Int
    /// Reads past this offset fail with `unexpected end`; sections and bodies narrow it.
    package internal(set) var limit: Int

    /// A reader of `bytes` from `offset` up to `limit` (the end by default).
    package init(bytes: [UInt8], offset: Int = 0, limit: Int? = nil) {
        precondition(offset >= 0 && (0...bytes.count).contains(limit ?? 0), "reader range outside its bytes")
        self.bytes = bytes
        self.offset = offset
        self.limit = limit ?? bytes.count
    }

    /// Reads `range` of the bytes next, and nothing past it.
    package mutating func narrow(to range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "reader range outside its bytes")
        offset = range.lowerBound
        limit = range.upperBound
    }

    /// Whether `index` is in 0..<limit, with one comparison.
    @inlinable
    func hasByte(at index: Int) -> Bool {
        UInt(bitPattern: index) < UInt(bitPattern: limit)
    }

    /// The byte at `index`, for which `hasByte(at:)` holds: the buffer's own bounds check
    /// would repeat that check on every byte the translator decodes.
    @inlinable
    func byte(at index: Int) -> UInt8 {
        bytes.withUnsafeBufferPointer { $0[index] }
    }

    /// Whether every byte up to `limit` has been read.
    package var isAtEnd: Bool { offset >= limit }

    /// A decoding error at `position`, or at the current offset.
    package func error(_ message: String, at position: Int? = nil) -> WasmBinaryError {
        WasmBinaryError(message, offset: position ?? offset)
    }

    // The one-byte reads are inlinable: the translator decodes function bodies with them, one
    // call per immediate otherwise.
    /// The next byte.
    @inlinable
    package mutating func readByte() throws(WasmBinaryError) -> UInt8 {
        guard hasByte(at: offset) else { throw endError() }
        let byte = byte(at: offset)
        offset &+= 1  // below the limit, so no overflow
        return byte
    }

    /// Reading past `limit`: the end of a section or function body, or of the whole module.
    @usableFromInline
    func endError() -> WasmBinaryError {
        error(limit < bytes.count ? "unexpected end of section or function" : "unexpected end")
    }

    /// The next `count` bytes, as a slice of `bytes` (no copy).
    package mutating func readBytes(_ count: Int) throws(WasmBinaryError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= limit - offset else { throw endError() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// Unsigned LEB128 of at most `bits` bits (spec 5.2.2): longer encodings are
    /// "integer representation too long", unused bits set are "integer too large".
    @inlinable
    package mutating func readUnsigned(bits: Int) throws(WasmBinaryError) -> UInt64 {
        // Most immediates (indices, small offsets) fit in one byte.
        if bits >= 7, hasByte(at: offset), byte(at: offset) < 0x80 {
            defer { offset &+= 1 }
            return UInt64(byte(at: offset))
        }
        return try readMultibyteUnsigned(bits: bits)
    }

    @usableFromInline
    mutating func readMultibyteUnsigned(bits: Int) throws(WasmBinaryError) -> UInt64 {
        // Two bytes (function sizes, most offsets) without the loop.
        if bits >= 14, hasByte(at: offset), hasByte(at: offset + 1), byte(at: offset + 1) < 0x80 {
            let value = UInt64(byte(at: offset) & 0x7F) | UInt64(byte(at: offset + 1)) << 7
            offset &+= 2
            return value
        }
        let start = offset
        var result: UInt64 = 0
        var shift = 0
        while true {
            let byte = try readByte()
            let remaining = bits - shift
            if remaining < 7 {
                if byte & 0x80 != 0 { throw error("integer representation too long", at: start) }
                if UInt64(byte) >> UInt64(remaining) != 0 { throw error("integer too large", at: start) }
            }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift >= bits + 6 { throw error("integer representation too long", at: start) }
        }
    }

    /// Signed LEB128 of at most `bits` bits; unused bits must repeat the sign bit.
    @inlinable
    package mutating func readSigned(bits: Int) throws(WasmBinaryError) -> Int64 {
        // Most constants fit one byte: seven value bits, the top one the sign.
        if bits >= 7, hasByte(at: offset), byte(at: offset) & 0x80 == 0 {
            let byte = byte(at: offset)
            offset &+= 1
            return Int64(Int8(bitPattern: byte << 1) >> 1)
        }
        return try readMultibyteSigned(bits: bits)
    }

    @usableFromInline
    mutating func readMultibyteSigned(bits: Int) throws(WasmBinaryError) -> Int64 {
        let start = offset
        var result: Int64 = 0
        var shift = 0
        while true {
            let byte = try readByte()
            let remaining = bits - shift
            if remaining < 7 {
                if byte & 0x80 != 0 { throw error("integer representation too long", at: start) }
                // The value bits of this byte are the low `remaining`; the rest are sign bits.
                let signAndUnused = Int8(bitPattern: byte << 1) >> Int8(remaining)
                if signAndUnused != 0 && signAndUnused != -1 { throw error("integer too large", at: start) }
            }
            result |= Int64(byte & 0x7F) << Int64(shift)
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << Int64(shift) }
                return result
            }
            if shift >= bits + 6 { throw error("integer representation too long", at: start) }
        }
    }

    /// An unsigned LEB128 u32: indices, counts and sizes.
    @inlinable
    package mutating func readU32() throws(WasmBinaryError) -> UInt32 { UInt32(try readUnsigned(bits: 32)) }

    /// Four little-endian bytes (`f32.const`'s bits).
    package mutating func readFixedU32() throws(WasmBinaryError) -> UInt32 {
        let b = try readBytes(4)
        return b.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Eight little-endian bytes (`f64.const`'s bits).
    package mutating func readFixedU64() throws(WasmBinaryError) -> UInt64 {
        let b = try readBytes(8)
        return b.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A length-prefixed name; must be valid UTF-8 (spec 5.2.4). Returned as its bytes.
    package mutating func readName() throws(WasmBinaryError) -> [UInt8] {
        let count = Int(try readU32())
        let start = offset
        let slice = try readBytes(count)
        guard isValidUTF8(slice) else { throw error("malformed UTF-8 encoding", at: start) }
        return Array(slice)
    }

    /// A vector length, checked against the bytes left so a huge count fails early.
    package mutating func readCount() throws(WasmBinaryError) -> Int {
        let count = Int(try readU32())
        guard count <= limit - offset else {
            throw error(limit < bytes.count ? "unexpected end of section or function" : "unexpected end")
        }
        return count
    }
}

/// Strict UTF-8 validation: no overlongs, no surrogates, nothing above U+10FFFF.
func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    while i < bytes.endIndex {
        let b0 = bytes[i]
        if b0 < 0x80 { i += 1; continue }
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
        default: return false
        }
        guard bytes.endIndex - i >= length else { return false }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return false }
            scalar = scalar << 6 | UInt32(b & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
        i += length
    }
    return true
}
