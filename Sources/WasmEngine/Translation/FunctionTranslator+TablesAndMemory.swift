import CWasmEngine
import WasmBinary

/// Instructions on the memory as a whole, on tables and on references: each becomes one
/// hand-written operation (Sources/CWasmEngine/control_handlers.h) over slots and indices.
extension FunctionTranslator {
    /// Memory 0's size is in a register; another memory's is read from the instance.
    @inline(__always)
    mutating func translateMemorySize(memory: UInt32) throws(InvalidModuleError) {
        try requireMemory(memory)
        emitProducer(memory == 0 ? HOP_memory_size : HOP_memory_size_any, result: .i32, high: memory)
    }

    @inline(__always)
    mutating func translateMemoryGrow(memory: UInt32) throws(InvalidModuleError) {
        try requireMemory(memory)
        let delta = read(try pop(.i32))
        emitProducer(HOP_memory_grow, result: .i32, high: delta, extra: UInt64(memory))
    }

    mutating func translateMemoryInit(data dataIndex: UInt32, memory: UInt32) throws(InvalidModuleError) {
        try requireMemory(memory)
        try context.requireDataSegment(dataIndex)
        let (destination, source, count) = try popThree(.i32, .i32, .i32)
        if !isDead { builder.emit(HOP_memory_init, pack(destination, source), pack(count, dataIndex), UInt64(memory)) }
    }

    mutating func translateDataDrop(data dataIndex: UInt32) throws(InvalidModuleError) {
        try context.requireDataSegment(dataIndex)
        if !isDead { builder.emit(HOP_data_drop, UInt64(dataIndex)) }
    }

    mutating func translateMemoryCopy(destinationMemory: UInt32, sourceMemory: UInt32) throws(InvalidModuleError) {
        try requireMemory(destinationMemory)
        try requireMemory(sourceMemory)
        let (destination, source, count) = try popThree(.i32, .i32, .i32)
        guard !isDead else { return }
        if destinationMemory == 0 && sourceMemory == 0 {
            builder.emit(HOP_memory_copy, pack(destination, source), UInt64(count))
        } else {
            builder.emit(HOP_memory_copy_any, pack(destination, source), UInt64(count), pack(destinationMemory, sourceMemory))
        }
    }

    mutating func translateMemoryFill(memory: UInt32) throws(InvalidModuleError) {
        try requireMemory(memory)
        let (destination, value, count) = try popThree(.i32, .i32, .i32)
        guard !isDead else { return }
        if memory == 0 {
            builder.emit(HOP_memory_fill, pack(destination, value), UInt64(count))
        } else {
            builder.emit(HOP_memory_fill_any, pack(destination, value), pack(count, memory))
        }
    }

    @inline(__always)
    mutating func translateTableGet(table index: UInt32) throws(InvalidModuleError) {
        let table = try context.table(at: index)
        let element = read(try pop(.i32))
        emitProducer(HOP_table_get, result: table.elementType, high: element, extra: UInt64(index))
    }

    @inline(__always)
    mutating func translateTableSet(table index: UInt32) throws(InvalidModuleError) {
        let table = try context.table(at: index)
        let value = read(try pop(table.elementType))
        let element = read(try pop(.i32))
        if !isDead { builder.emit(HOP_table_set, pack(element, value), UInt64(index)) }
    }

    mutating func translateTableInit(element elementIndex: UInt32, table tableIndex: UInt32) throws(InvalidModuleError) {
        let table = try context.table(at: tableIndex)
        let segment = try context.elementSegment(at: elementIndex)
        guard try context.canonical(segment.type).matches(table.elementType) else {
            throw InvalidModuleError("type mismatch: table.init of \(segment.type) into a table of \(table.elementType)")
        }
        let (destination, source, count) = try popThree(.i32, .i32, .i32)
        if !isDead {
            builder.emit(HOP_table_init, pack(destination, source), pack(count, tableIndex), UInt64(elementIndex))
        }
    }

    mutating func translateElemDrop(element elementIndex: UInt32) throws(InvalidModuleError) {
        _ = try context.elementSegment(at: elementIndex)
        if !isDead { builder.emit(HOP_elem_drop, UInt64(elementIndex)) }
    }

    mutating func translateTableCopy(destination destinationTable: UInt32, source sourceTable: UInt32) throws(InvalidModuleError) {
        let destinationType = try context.table(at: destinationTable)
        let sourceType = try context.table(at: sourceTable)
        guard sourceType.elementType.matches(destinationType.elementType) else {
            throw InvalidModuleError("type mismatch: table.copy between tables of different types")
        }
        let (destination, source, count) = try popThree(.i32, .i32, .i32)
        if !isDead {
            builder.emit(HOP_table_copy, pack(destination, source), UInt64(count), pack(destinationTable, sourceTable))
        }
    }

    mutating func translateTableGrow(table index: UInt32) throws(InvalidModuleError) {
        let table = try context.table(at: index)
        let count = read(try pop(.i32))
        let initial = read(try pop(table.elementType))
        emitProducer(HOP_table_grow, result: .i32, high: initial, extra: pack(count, index))
    }

    mutating func translateTableSize(table index: UInt32) throws(InvalidModuleError) {
        _ = try context.table(at: index)
        emitProducer(HOP_table_size, result: .i32, high: index)
    }

    mutating func translateTableFill(table index: UInt32) throws(InvalidModuleError) {
        let table = try context.table(at: index)
        let count = read(try pop(.i32))
        let value = read(try pop(table.elementType))
        let start = read(try pop(.i32))
        if !isDead { builder.emit(HOP_table_fill, pack(start, value), pack(count, index)) }
    }

    @inline(__always)
    mutating func translateRefNull(type: HeapType) throws(InvalidModuleError) {
        push(.ref(ReferenceType(nullable: true, type)), .constant(0, high: 0))
    }

    @inline(__always)
    mutating func translateRefIsNull() throws(InvalidModuleError) {
        let operand = try pop()
        if let type = operand.type, !type.isReference {
            throw InvalidModuleError("type mismatch: ref.is_null needs a reference, found \(type)")
        }
        let source = read(operand)
        emitProducer(HOP_ref_is_null, result: .i32, high: source)
    }

    @inline(__always)
    mutating func translateRefFunc(function index: UInt32) throws(InvalidModuleError) {
        let type = try context.referenceType(ofFunction: index)
        guard context.declaredReferences.contains(index) else {
            throw InvalidModuleError("undeclared function reference \(index)")
        }
        emitProducer(HOP_ref_func, result: type, high: index)
    }

    mutating func popThree(_ a: ValueType, _ b: ValueType, _ c: ValueType) throws(InvalidModuleError) -> (UInt32, UInt32, UInt32) {
        let third = read(try pop(c))
        let second = read(try pop(b))
        let first = read(try pop(a))
        return (first, second, third)
    }
}
