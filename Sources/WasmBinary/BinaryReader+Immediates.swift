/// The immediates of instructions (spec 5.4), which the decoders generated from
/// Utilities/instructions.py read: the translator's (Sources/WasmEngine/Generated) and the
/// constant-expression reader (Generated/ConstantExpressions.swift).
extension BinaryReader {
    /// Decodes a SIMD instruction after its 0xFD prefix (at `start`).
    package mutating func readSIMD(start: Int) throws(WasmBinaryError) -> (SIMDOp, SIMDImmediate) {
        let code = try readU32()
        guard let op = SIMDOp(rawValue: code) else {
            if (0x100...0x113).contains(code) { throw WasmBinaryError(unsupported: .relaxedSIMD, "opcode 0xfd \(code)", offset: start) }
            throw error("illegal opcode 0xfd \(code)", at: start)
        }
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
        // The offset is a 64-bit number since 3.0; past 32 bits it is invalid for a 32-bit
        // memory ("offset out of range"), which validation checks.
        return MemArg(align: flags & 63, offset: try readUnsigned(bits: 64), memory: memory)
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
        if Self.startsValueType(byte) { return .value(try readValueType()) }
        let at = offset
        let index = try readSigned(bits: 33)
        guard index >= 0 else { throw error("malformed block type", at: at) }
        return .typeIndex(UInt32(truncatingIfNeeded: index))
    }

    /// `try_table`'s catch clauses: a kind byte (0 `catch`, 1 `catch_ref`, 2 `catch_all`,
    /// 3 `catch_all_ref`), the tag index for the first two, and the label.
    package mutating func readCatchClauses() throws(WasmBinaryError) -> [CatchClause] {
        let count = try readCount()
        var clauses: [CatchClause] = []
        for _ in 0..<count {
            let at = offset
            let kind = try readByte()
            guard kind <= 3 else { throw error("malformed catch clause \(hex(kind))", at: at) }
            let tag: UInt32? = kind < 2 ? try readU32() : nil
            clauses.append(CatchClause(tag: tag, capturesReference: kind & 1 == 1, label: try readU32()))
        }
        return clauses
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

    /// A value type (spec 3.0, 5.3.4); an unknown byte is "malformed value type".
    package mutating func readValueType() throws(WasmBinaryError) -> ValueType {
        let at = offset
        let byte = try readByte()
        switch byte {
        case 0x7F: return .i32
        case 0x7E: return .i64
        case 0x7D: return .f32
        case 0x7C: return .f64
        case 0x7B: return .v128
        default:
            offset = at
            return .ref(try readReferenceType())
        }
    }

    /// A reference type: a shorthand byte (`funcref`, `externref`, `exnref` and their null
    /// bottoms), or 0x64 / 0x63 (`ref` / `ref null`) and a heap type.
    package mutating func readReferenceType() throws(WasmBinaryError) -> ReferenceType {
        let at = offset
        let byte = try readByte()
        switch byte {
        case 0x64, 0x63: return ReferenceType(nullable: byte == 0x63, try readHeapType())
        default:
            if let heapType = try Self.abstractHeapType(byte, at: at) { return ReferenceType(nullable: true, heapType) }
            throw error(Self.startsValueType(byte) ? "malformed reference type \(hex(byte))" : "malformed value type \(hex(byte))", at: at)
        }
    }

    /// A heap type: an abstract one (one byte) or a type index (a positive signed LEB128 of
    /// 33 bits).
    package mutating func readHeapType() throws(WasmBinaryError) -> HeapType {
        let at = offset
        guard offset < limit else { _ = try readByte(); return .function }
        if let heapType = try Self.abstractHeapType(bytes[offset], at: at) {
            offset += 1
            return heapType
        }
        let index = try readSigned(bits: 33)
        guard index >= 0 else { throw error("malformed heap type", at: at) }
        return .concrete(UInt32(truncatingIfNeeded: index))
    }

    /// The abstract heap type a byte names; nil if it names none. GC's heap types (`any`,
    /// `eq`, `i31`, `struct`, `array`, `none`) are recognised, and unsupported.
    static func abstractHeapType(_ byte: UInt8, at offset: Int) throws(WasmBinaryError) -> HeapType? {
        switch byte {
        case 0x70: return .function
        case 0x6F: return .extern
        case 0x69: return .exception
        case 0x73: return .noFunction
        case 0x72: return .noExtern
        case 0x74: return .noException
        case 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71:
            throw WasmBinaryError(unsupported: .gc, "heap type \(hex(byte))", offset: offset)
        default: return nil
        }
    }

    /// Whether `byte` starts a value type (rather than a block type's type index).
    static func startsValueType(_ byte: UInt8) -> Bool {
        (0x7B...0x7F).contains(byte) || (0x69...0x74).contains(byte) || byte == 0x64 || byte == 0x63
    }
}

func hex(_ byte: UInt8) -> String {
    "0x" + String(byte, radix: 16, uppercase: false)
}
