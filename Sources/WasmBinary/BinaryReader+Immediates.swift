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

    /// A load's or store's memory immediate: alignment exponent, then offset. An alignment
    /// exponent of 32 or more does not fit the 32-bit address space: the reference
    /// interpreter rejects it while decoding, as "malformed memop flags".
    @inlinable
    package mutating func readMemArg() throws(WasmBinaryError) -> MemArg {
        let at = offset
        let align = try readU32()
        guard align < 32 else { throw error("malformed memop flags", at: at) }
        return MemArg(align: align, offset: try readUnsigned(bits: 32))
    }

    /// The reserved zero byte of `memory.size`, `memory.grow` and the bulk memory instructions.
    package mutating func readZeroByte() throws(WasmBinaryError) {
        let at = offset
        if try readByte() != 0 { throw error("zero byte expected", at: at) }
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
