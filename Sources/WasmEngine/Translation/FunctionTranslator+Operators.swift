import CWasmEngine
import WasmBinary

/// Instructions that compute: numeric operators (with immediates and fused comparisons),
/// loads and stores (absorbing address arithmetic), `select`, the 0xFC prefix and SIMD.
extension FunctionTranslator {
    mutating func translateLoad(_ op: LoadOp, _ memArg: MemArg) throws(ValidationError) {
        try requireMemory()
        let access = op.access
        try Self.checkAlignment(memArg, bytes: access.bytes)
        let address = try pop(.i32)
        if case .sum(let base, let addend, let isIndexed) = address.location {
            let producer = producerJustBefore(address)
            emitProducer(isIndexed ? op.indexedOp : op.plusOp, result: access.type, high: base,
                         extra: pack(addend, UInt32(memArg.offset)))
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            emitProducer(op.absoluteOp, result: access.type, high: 0, extra: UInt64(UInt32(truncatingIfNeeded: bits)) + memArg.offset)
        } else {
            let addressSlot = read(address)
            let producer = producerJustBefore(address)
            emitProducer(op.op, result: access.type, high: addressSlot, extra: memArg.offset)
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    mutating func translateStore(_ op: StoreOp, _ memArg: MemArg) throws(ValidationError) {
        try requireMemory()
        let access = op.access
        try Self.checkAlignment(memArg, bytes: access.bytes)
        let value = try pop(access.type)
        let address = try pop(.i32)
        if case .sum(let base, let addend, let isIndexed) = address.location {
            let valueSlot = read(value)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead {
                builder.emit(isIndexed ? op.indexedOp : op.plusOp, pack(base, valueSlot), pack(addend, UInt32(memArg.offset)))
            }
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            let valueSlot = read(value)
            let producer = producerJustBefore(value)
            if !isDead { builder.emit(op.absoluteOp, pack(0, valueSlot), UInt64(UInt32(truncatingIfNeeded: bits)) + memArg.offset) }
            builder.markResultReadOnlyByNext(producer: producer)
        } else {
            let valueSlot = read(value)
            let addressSlot = read(address)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead { builder.emit(op.op, pack(addressSlot, valueSlot), memArg.offset) }
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    /// The instructions after the 0xFC prefix: saturating conversions and bulk memory and
    /// table operations.
    mutating func translatePrefixedFC() throws(ValidationError) {
        let prefixStart = reader.offset - 1
        let code = try readIndex()
        switch code {
        case 0...7:
            let op = SaturatingOp(rawValue: UInt8(code))!
            try emitOperator(op.op, op.shape)
        case 8:  // memory.init
            let dataIndex = try readIndex()
            try readZeroByte()
            try requireMemory()
            try context.requireDataSegment(dataIndex)
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_init, pack(destination, source), pack(count, dataIndex)) }
        case 9:  // data.drop
            let dataIndex = try readIndex()
            try context.requireDataSegment(dataIndex)
            if !isDead { builder.emit(HOP_data_drop, UInt64(dataIndex)) }
        case 10:  // memory.copy
            try readZeroByte()
            try readZeroByte()
            try requireMemory()
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_copy, pack(destination, source), UInt64(count)) }
        case 11:  // memory.fill
            try readZeroByte()
            try requireMemory()
            let (destination, value, count) = try popThree(.i32, .i32, .i32)
            if !isDead { builder.emit(HOP_memory_fill, pack(destination, value), UInt64(count)) }
        case 12:  // table.init
            let elementIndex = try readIndex()
            let tableIndex = try readIndex()
            let table = try context.table(at: tableIndex)
            let segment = try context.elementSegment(at: elementIndex)
            guard segment.type == table.elementType else {
                throw ValidationError("type mismatch: table.init of \(segment.type) into a table of \(table.elementType)")
            }
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead {
                builder.emit(HOP_table_init, pack(destination, source), pack(count, tableIndex), UInt64(elementIndex))
            }
        case 13:  // elem.drop
            let elementIndex = try readIndex()
            _ = try context.elementSegment(at: elementIndex)
            if !isDead { builder.emit(HOP_elem_drop, UInt64(elementIndex)) }
        case 14:  // table.copy
            let destinationTable = try readIndex()
            let sourceTable = try readIndex()
            let destinationType = try context.table(at: destinationTable)
            let sourceType = try context.table(at: sourceTable)
            guard destinationType.elementType == sourceType.elementType else {
                throw ValidationError("type mismatch: table.copy between tables of different types")
            }
            let (destination, source, count) = try popThree(.i32, .i32, .i32)
            if !isDead {
                builder.emit(HOP_table_copy, pack(destination, source), UInt64(count), pack(destinationTable, sourceTable))
            }
        case 15:  // table.grow
            let index = try readIndex()
            let table = try context.table(at: index)
            let count = read(try pop(.i32))
            let initial = read(try pop(table.elementType))
            emitProducer(HOP_table_grow, result: .i32, high: initial, extra: pack(count, index))
        case 16:  // table.size
            let index = try readIndex()
            _ = try context.table(at: index)
            emitProducer(HOP_table_size, result: .i32, high: index)
        case 17:  // table.fill
            let index = try readIndex()
            let table = try context.table(at: index)
            let count = read(try pop(.i32))
            let value = read(try pop(table.elementType))
            let start = read(try pop(.i32))
            if !isDead { builder.emit(HOP_table_fill, pack(start, value), pack(count, index)) }
        default:
            throw ValidationError(malformed: "illegal opcode 0xfc \(code)", offset: prefixStart)
        }
    }

    mutating func popThree(_ a: ValueType, _ b: ValueType, _ c: ValueType) throws(ValidationError) -> (UInt32, UInt32, UInt32) {
        let third = read(try pop(c))
        let second = read(try pop(b))
        let first = read(try pop(a))
        return (first, second, third)
    }

    static func checkAlignment(_ memArg: MemArg, bytes: Int) throws(ValidationError) {
        guard memArg.align < 32, 1 << memArg.align <= bytes else {
            throw ValidationError("alignment must not be larger than natural")
        }
    }

    /// `select`, or with `type` the typed `select` (which may choose references).
    mutating func translateSelect(type: ValueType? = nil) throws(ValidationError) {
        let condition = read(try pop(.i32))
        if let type {
            let second = try pop(type)
            let first = try pop(type)
            try emitSelect(first, second, condition, type: type)
            return
        }
        let second = try pop()
        let first = try pop()
        let resultType: ValueType?
        switch (first.type, second.type) {
        case (let a?, let b?):
            guard a == b else { throw ValidationError("type mismatch: select operands \(a) and \(b)") }
            resultType = a
        case (let a?, nil): resultType = a
        case (nil, let b?): resultType = b
        case (nil, nil): resultType = nil
        }
        if let resultType, resultType.isReference {
            throw ValidationError("type mismatch: untyped select cannot choose references")
        }
        try emitSelect(first, second, condition, type: resultType)
    }

    mutating func emitSelect(_ first: Operand, _ second: Operand, _ condition: UInt32, type: ValueType?) throws(ValidationError) {
        let a = read(first)
        let b = read(second)
        if type == .v128 {
            emitProducer(HOP_select_v128, result: .v128, high: condition, extra: pack(a, b))
            return
        }
        emitProducer(HOP_select, result: type ?? .i32, high: condition, extra: pack(a, b))
        if type == nil { operands[operands.count - 1].type = nil }
    }

    /// A unary or binary operator reading slots: `[op] [result|a] [b]`.
    mutating func emitOperator(_ op: HOp, _ shape: OperatorShape) throws(ValidationError) {
        if let second = shape.second {
            let b = read(try pop(second))
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a, extra: UInt64(b))
        } else {
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a)
        }
    }

    /// A numeric instruction: its right operand becomes an immediate when it is a constant
    /// (after swapping the operands of a commutative operation if that helps), and a
    /// comparison is remembered so a following branch can absorb it.
    mutating func emitNumeric(_ numeric: NumericOp) throws(ValidationError) {
        let facts = numeric.translation
        guard let second = facts.second, let immediateOp = facts.immediateOp else {
            let source = read(try pop(facts.first))
            emitProducer(facts.op, result: facts.result, high: source)
            if numeric == .i32Eqz || numeric == .i64Eqz {
                recordCondition(.isZero(slot: source, is64: numeric == .i64Eqz), operand: operands.count - 1)
            }
            return
        }
        var right = try pop(second)
        var left = try pop(facts.first)
        if facts.isCommutative, left.isConstant, !right.isConstant { swap(&left, &right) }
        let a = read(left)
        if case .constant(let bits, _) = right.location {
            if numeric == .i32Add {
                push(.i32, .sum(base: a, addend: UInt32(truncatingIfNeeded: bits), isIndexed: false))
                return
            }
            let producer = producerJustBefore(left)
            emitProducer(immediateOp, result: facts.result, high: a, extra: bits)
            builder.markResultReadOnlyByNext(producer: producer)
            if let branch = facts.branch {
                recordCondition(.compare(branch, a: a, b: bits, immediate: true), operand: operands.count - 1)
            }
        } else {
            let b = read(right)
            if numeric == .i32Add {
                push(.i32, .sum(base: a, addend: b, isIndexed: true))
                return
            }
            let producer = producerJustBefore(left) ?? producerJustBefore(right)
            emitProducer(facts.op, result: facts.result, high: a, extra: UInt64(b))
            builder.markResultReadOnlyByNext(producer: producer)
            if let branch = facts.branch {
                recordCondition(.compare(branch, a: a, b: UInt64(b), immediate: false), operand: operands.count - 1)
            }
        }
    }

    mutating func recordCondition(_ source: Condition.Source, operand: Int) {
        guard !isDead, let producer = builder.lastProducer else { return }
        lastCondition = Condition(position: producer.position, operand: operand, source: source)
    }

    mutating func translateSIMD(_ op: SIMDOp, _ immediate: SIMDImmediate) throws(ValidationError) {
        switch immediate {
        case .memArg(let memArg), .memArgLane(let memArg, _):
            try requireMemory()
            guard memArg.align < 32, memArg.align <= op.naturalAlignment ?? 0 else {
                throw ValidationError("alignment must not be larger than natural")
            }
        default: break
        }
        switch (op.immediate, immediate) {
        case (.lane(let count), .lane(let lane)), (.memArgLane(let count), .memArgLane(_, let lane)):
            guard Int(lane) < count else { throw ValidationError("invalid lane index \(lane)") }
        case (.shuffle, .v128(let lanes)):
            guard lanes.bytes.allSatisfy({ $0 < 32 }) else { throw ValidationError("invalid lane index") }
        default: break
        }
        let signature = op.signature
        if op == .v128Const, case .v128(let value) = immediate {
            push(.v128, .constant(value.low, high: value.high))
            return
        }
        let inputs = try pop(signature.params).map { read($0) }
        let handler = op.op!
        switch immediate {
        case .memArg(let memArg) where signature.result == nil:  // store: [addr|value] [offset]
            if !isDead { builder.emit(handler, pack(inputs[0], inputs[1]), memArg.offset) }
        case .memArg(let memArg):  // load: [dst|addr] [offset]
            emitProducer(handler, result: .v128, high: inputs[0], extra: memArg.offset)
        case .memArgLane(let memArg, let lane) where signature.result == nil:  // [addr|value] [offset] [lane]
            if !isDead { builder.emit(handler, pack(inputs[0], inputs[1]), memArg.offset, UInt64(lane)) }
        case .memArgLane(let memArg, let lane):  // [dst|addr] [offset] [vector|lane]
            push(.v128)
            if !isDead { builder.emit(handler, pack(operands[operands.count - 1].slot, inputs[0]), memArg.offset, pack(inputs[1], UInt32(lane))) }
        case .lane(let lane) where inputs.count == 2:  // replace: [dst|a] [x|lane]
            emitProducer(handler, result: .v128, high: inputs[0], extra: pack(inputs[1], UInt32(lane)))
        case .lane(let lane):  // extract: [dst|a] [lane]
            emitProducer(handler, result: signature.result!, high: inputs[0], extra: UInt64(lane))
        case .v128(let lanes):  // shuffle: [dst|a] [b] [lanes 0-7] [lanes 8-15]
            push(.v128)
            if !isDead {
                builder.emit(handler, pack(operands[operands.count - 1].slot, inputs[0]), UInt64(inputs[1]))
                builder.appendWords(lanes.low, lanes.high)
            }
        case .none where inputs.count == 3:  // bitselect: [dst|a] [b|c]
            emitProducer(handler, result: .v128, high: inputs[0], extra: pack(inputs[1], inputs[2]))
        case .none where inputs.count == 2:  // [dst|a] [b]
            emitProducer(handler, result: signature.result!, high: inputs[0], extra: UInt64(inputs[1]))
        case .none:  // [dst|a]
            emitProducer(handler, result: signature.result!, high: inputs[0])
        }
    }
}
