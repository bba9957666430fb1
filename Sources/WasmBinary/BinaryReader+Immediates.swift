/// The immediates of instructions (spec 5.4), which the decoders generated from
/// Utilities/instructions.py read: the translator's (Sources/WasmEngine/Generated) and the
/// constant-expression reader (Generated/ConstantExpressions.swift).
extension BinaryReader {
    /// Decodes a SIMD instruction after its 0xFD prefix (at `start`).
    package mutating func readSIMD(start: Int) throws(WasmBinaryError) -> (SIMDOp, SIMDImmediate) {
        let code = try readU32()
        guard let op = SIMDOp(rawValue: code) else { throw error("illegal opcode 0xfd \(code)", at: start) }
        switch op.immediate {
        case .none: return (op, .none)
        case .memArg: return (op, .memArg(try readMemArg()))
        case .memArgLane:
            let memArg = try readMemArg()
            return (op, .memArgLane(memArg, lane: try readByte()))
        case .lane: return (op, .lane(try readByte()))
        case .v128, .shuffle: return (op, .v128(V128(bytes: try readBytes(16))))
        }
    }

    /// A load's or store's memory immediate (spec 5.4.7, multi-memory): alignment flags, a
    /// memory index when bit 6 of the flags is set (memory 0 otherwise), then the offset. The
    /// flags' other bits are the alignment exponent, which validation checks against the
    /// access; flags of 128 or more are "malformed memop flags", as in the reference
    /// interpreter.
    @inlinable
    package mutating func readMemArg() throws(WasmBinaryError) -> MemArg {
        let at = offset
        let flags = try readU32()
        guard flags < 128 else { throw error("malformed memop flags", at: at) }
        let memory = flags & 64 == 0 ? 0 : try readU32()
        return MemArg(align: flags & 63, offset: try readUnsigned(bits: 32), memory: memory)
    }

    /// A block type: 0x40 (empty), a value type, or a type index as a positive signed
    /// LEB128 of 33 bits (spec 5.4.1).
    package mutating func readBlockType() throws(WasmBinaryError) -> BlockType {
        guard offset < limit else { _ = try readByte(); return .empty }
        let byte = bytes[offset]
        if byte == 0x40 {
            offset += 1
            return .empty
        }
        if let type = ValueType(rawValue: byte) {
            offset += 1
            return .value(type)
        }
        let at = offset
        let index = try readSigned(bits: 33)
        guard index >= 0 else { throw error("malformed block type", at: at) }
        return .typeIndex(UInt32(truncatingIfNeeded: index))
    }

    /// A vector of indices (`br_table`'s labels).
    package mutating func readIndices() throws(WasmBinaryError) -> [UInt32] {
        let count = try readCount()
        var indices: [UInt32] = []
        indices.reserveCapacity(count)
        for _ in 0..<count { indices.append(try readU32()) }
        return indices
    }

    /// A vector of value types (the typed `select`'s).
    package mutating func readValueTypes() throws(WasmBinaryError) -> [ValueType] {
        let count = try readCount()
        var types: [ValueType] = []
        for _ in 0..<count { types.append(try readValueType()) }
        return types
    }

    /// One value type byte; an unknown byte is "malformed value type".
    package mutating func readValueType() throws(WasmBinaryError) -> ValueType {
        let at = offset
        let byte = try readByte()
        guard let type = ValueType(rawValue: byte) else { throw error("malformed value type \(hex(byte))", at: at) }
        return type
    }

    /// A value type byte that must be `funcref` or `externref`.
    package mutating func readReferenceType() throws(WasmBinaryError) -> ValueType {
        let at = offset
        let byte = try readByte()
        guard let type = ValueType(rawValue: byte), type.isReference else {
            throw error("malformed reference type \(hex(byte))", at: at)
        }
        return type
    }
}

func hex(_ byte: UInt8) -> String {
    "0x" + String(byte, radix: 16, uppercase: false)
}
