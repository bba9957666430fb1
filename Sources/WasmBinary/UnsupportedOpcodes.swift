extension BinaryReader {
    /// The error for an opcode no instruction has: an unsupported feature's when the opcode
    /// (or prefix) belongs to a proposal Hearth recognises but does not implement, else
    /// "illegal opcode". These opcodes are not in Utilities/instructions.py, which lists only
    /// what Hearth runs.
    package static func illegalOpcode(_ opcode: UInt8, at offset: Int) -> WasmBinaryError {
        switch opcode {
        case 0x06, 0x07, 0x09, 0x18, 0x19:
            WasmBinaryError(unsupported: .legacyExceptions, "opcode \(hex(opcode))", offset: offset)
        case 0xD3, 0xFB: WasmBinaryError(unsupported: .gc, "opcode \(hex(opcode))", offset: offset)
        case 0xFE: WasmBinaryError(unsupported: .threads, "opcode \(hex(opcode))", offset: offset)
        default: WasmBinaryError("illegal opcode \(hex(opcode))", offset: offset)
        }
    }
}
