/// One decoded instruction (spec 5.4). Regular instructions (numeric, memory, SIMD) carry
/// their generated opcode enum; the rest have a case each.
public enum Instruction: Sendable, Hashable {
    case unreachable
    case nop
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case `else`
    case end
    case br(UInt32)
    case brIf(UInt32)
    case brTable(BrTable)
    case `return`
    case call(UInt32)
    case callIndirect(typeIndex: UInt32, tableIndex: UInt32)
    case drop
    case select
    /// `select` with a type vector; valid only with exactly one type (`type` is the first).
    case selectTyped(type: ValueType?, count: Int)
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)
    case tableGet(UInt32)
    case tableSet(UInt32)
    case load(LoadOp, MemArg)
    case store(StoreOp, MemArg)
    case memorySize
    case memoryGrow
    case i32Const(Int32)
    case i64Const(Int64)
    /// Raw bits, so NaN payloads survive.
    case f32Const(UInt32)
    case f64Const(UInt64)
    case numeric(NumericOp)
    case saturating(SaturatingOp)
    case memoryInit(dataIndex: UInt32)
    case dataDrop(UInt32)
    case memoryCopy
    case memoryFill
    case tableInit(elementIndex: UInt32, tableIndex: UInt32)
    case elemDrop(UInt32)
    case tableCopy(destination: UInt32, source: UInt32)
    case tableGrow(UInt32)
    case tableSize(UInt32)
    case tableFill(UInt32)
    case refNull(ValueType)
    case refIsNull
    case refFunc(UInt32)
    case simd(SIMDOp, SIMDImmediate)
}

extension BinaryReader {
    /// Decodes the next instruction.
    public mutating func readInstruction() throws(WasmBinaryError) -> Instruction {
        let start = offset
        let opcode = try readByte()
        switch opcode {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(try readBlockType())
        case 0x03: return .loop(try readBlockType())
        case 0x04: return .if(try readBlockType())
        case 0x05: return .else
        case 0x0B: return .end
        case 0x0C: return .br(try readU32())
        case 0x0D: return .brIf(try readU32())
        case 0x0E:
            let count = try readCount()
            let targetsOffset = offset
            for _ in 0..<count { _ = try readU32() }
            return .brTable(BrTable(targetsOffset: targetsOffset, count: count, defaultTarget: try readU32()))
        case 0x0F: return .return
        case 0x10: return .call(try readU32())
        case 0x11:
            let type = try readU32()
            return .callIndirect(typeIndex: type, tableIndex: try readU32())
        case 0x1A: return .drop
        case 0x1B: return .select
        case 0x1C:
            let count = try readCount()
            var first: ValueType?
            for index in 0..<count {
                let type = try readValueType()
                if index == 0 { first = type }
            }
            return .selectTyped(type: first, count: count)
        case 0x20: return .localGet(try readU32())
        case 0x21: return .localSet(try readU32())
        case 0x22: return .localTee(try readU32())
        case 0x23: return .globalGet(try readU32())
        case 0x24: return .globalSet(try readU32())
        case 0x25: return .tableGet(try readU32())
        case 0x26: return .tableSet(try readU32())
        case 0x28...0x35: return .load(LoadOp(opcodeInRange: opcode), try readMemArg())
        case 0x36...0x3E: return .store(StoreOp(opcodeInRange: opcode), try readMemArg())
        case 0x3F:
            try readZeroByte()
            return .memorySize
        case 0x40:
            try readZeroByte()
            return .memoryGrow
        case 0x41: return .i32Const(Int32(truncatingIfNeeded: try readSigned(bits: 32)))
        case 0x42: return .i64Const(try readSigned(bits: 64))
        case 0x43: return .f32Const(try readFixedU32())
        case 0x44: return .f64Const(try readFixedU64())
        case 0x45...0xC4: return .numeric(NumericOp(opcodeInRange: opcode))
        case 0xD0: return .refNull(try readReferenceType())
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(try readU32())
        case 0xFC: return try readPrefixedFC(start: start)
        case 0xFD:
            let (op, immediate) = try readSIMD(start: start)
            return .simd(op, immediate)
        default:
            throw error("illegal opcode \(hex(opcode))", at: start)
        }
    }

    private mutating func readPrefixedFC(start: Int) throws(WasmBinaryError) -> Instruction {
        let code = try readU32()
        switch code {
        case 0...7: return .saturating(SaturatingOp(rawValue: UInt8(code))!)
        case 8:
            let index = try readU32()
            try readZeroByte()
            return .memoryInit(dataIndex: index)
        case 9: return .dataDrop(try readU32())
        case 10:
            try readZeroByte()
            try readZeroByte()
            return .memoryCopy
        case 11:
            try readZeroByte()
            return .memoryFill
        case 12:
            let element = try readU32()
            return .tableInit(elementIndex: element, tableIndex: try readU32())
        case 13: return .elemDrop(try readU32())
        case 14:
            let destination = try readU32()
            return .tableCopy(destination: destination, source: try readU32())
        case 15: return .tableGrow(try readU32())
        case 16: return .tableSize(try readU32())
        case 17: return .tableFill(try readU32())
        default: throw error("illegal opcode 0xfc \(code)", at: start)
        }
    }

    /// Decodes a SIMD instruction after its 0xFD prefix (at `start`).
    public mutating func readSIMD(start: Int) throws(WasmBinaryError) -> (SIMDOp, SIMDImmediate) {
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

    /// An alignment exponent of 32 or more does not fit the 32-bit address space: the
    /// reference interpreter rejects it while decoding, as "malformed memop flags".
    @inlinable
    public mutating func readMemArg() throws(WasmBinaryError) -> MemArg {
        let at = offset
        let align = try readU32()
        guard align < 32 else { throw error("malformed memop flags", at: at) }
        return MemArg(align: align, offset: try readUnsigned(bits: 32))
    }

    /// The reserved zero byte of `memory.size`, `memory.grow` and the bulk memory instructions.
    public mutating func readZeroByte() throws(WasmBinaryError) {
        let at = offset
        if try readByte() != 0 { throw error("zero byte expected", at: at) }
    }

    public mutating func readBlockType() throws(WasmBinaryError) -> BlockType {
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

    public mutating func readValueType() throws(WasmBinaryError) -> ValueType {
        let at = offset
        let byte = try readByte()
        guard let type = ValueType(rawValue: byte) else { throw error("malformed value type \(hex(byte))", at: at) }
        return type
    }

    public mutating func readReferenceType() throws(WasmBinaryError) -> ValueType {
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
