import CWasmEngine
import WasmBinary

/// Instructions that compute: constants, numeric operators (with immediates and fused
/// comparisons), loads and stores (absorbing address arithmetic), `select`, `drop`, the
/// saturating conversions and SIMD.
extension FunctionTranslator {
    @inline(__always)
    mutating func translateI32Const(value: Int32) throws(InvalidModuleError) {
        push(.i32, .constant(UInt64(UInt32(bitPattern: value)), high: 0))
    }

    @inline(__always)
    mutating func translateI64Const(value: Int64) throws(InvalidModuleError) {
        push(.i64, .constant(UInt64(bitPattern: value), high: 0))
    }

    /// Raw bits, so NaN payloads survive.
    @inline(__always)
    mutating func translateF32Const(bits: UInt32) throws(InvalidModuleError) {
        push(.f32, .constant(UInt64(bits), high: 0))
    }

    @inline(__always)
    mutating func translateF64Const(bits: UInt64) throws(InvalidModuleError) {
        push(.f64, .constant(bits, high: 0))
    }

    @inline(__always)
    mutating func translateDrop() throws(InvalidModuleError) {
        _ = try pop()
    }

    /// A load from memory 0 absorbs address arithmetic (its base and size are in registers);
    /// one from another memory has the plain layout and the memory's index after it. The code
    /// holds where the access ends (`accessEnd`), not where it starts.
    mutating func translateLoad(_ op: LoadOp, memArg: MemArg) throws(InvalidModuleError) {
        try requireMemory(memArg.memory)
        let access = op.access
        try Self.checkAlignment(memArg, bytes: access.bytes)
        let address = try pop(.i32)
        let end = Self.accessEnd(memArg, bytes: access.bytes)
        if memArg.memory != 0 {
            emitProducer(op.anyMemoryOp, result: access.type, high: read(address), extra: end, last: UInt64(memArg.memory))
        } else if case .sum(let base, let addend, let isIndexed) = address.location, let end = UInt32(exactly: end) {
            let producer = producerJustBefore(address)
            emitProducer(isIndexed ? op.indexedOp : op.plusOp, result: access.type, high: base, extra: pack(addend, end))
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            emitProducer(op.absoluteOp, result: access.type, high: 0, extra: UInt64(UInt32(truncatingIfNeeded: bits)) + end)
        } else {
            let addressSlot = read(address)
            let producer = producerJustBefore(address)
            emitProducer(op.op, result: access.type, high: addressSlot, extra: end)
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    mutating func translateStore(_ op: StoreOp, memArg: MemArg) throws(InvalidModuleError) {
        try requireMemory(memArg.memory)
        let access = op.access
        try Self.checkAlignment(memArg, bytes: access.bytes)
        let value = try pop(access.type)
        let address = try pop(.i32)
        let end = Self.accessEnd(memArg, bytes: access.bytes)
        if memArg.memory == 0, case .constant(let bits, _) = value.location {
            emitStore(op, immediate: bits, address: address, end: end)
        } else if memArg.memory != 0 {
            let valueSlot = read(value)
            let addressSlot = read(address)
            if !isDead { builder.emit(op.anyMemoryOp, pack(addressSlot, valueSlot), end, UInt64(memArg.memory)) }
        } else if case .sum(let base, let addend, let isIndexed) = address.location, let end = UInt32(exactly: end) {
            let valueSlot = read(value)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead {
                builder.emit(isIndexed ? op.indexedOp : op.plusOp, pack(base, valueSlot), pack(addend, end))
            }
            builder.markResultReadOnlyByNext(producer: producer)
        } else if case .constant(let bits, _) = address.location {
            let valueSlot = read(value)
            let producer = producerJustBefore(value)
            if !isDead { builder.emit(op.absoluteOp, pack(0, valueSlot), UInt64(UInt32(truncatingIfNeeded: bits)) + end) }
            builder.markResultReadOnlyByNext(producer: producer)
        } else {
            let valueSlot = read(value)
            let addressSlot = read(address)
            let producer = producerJustBefore(value) ?? producerJustBefore(address)
            if !isDead { builder.emit(op.op, pack(addressSlot, valueSlot), end) }
            builder.markResultReadOnlyByNext(producer: producer)
        }
    }

    /// A store to memory 0 of a constant: the value is an immediate, in place of its slot (a
    /// value of up to 32 bits) or in a word after the others (`[addr|-] [end] [value]`).
    mutating func emitStore(_ op: StoreOp, immediate bits: UInt64, address: Operand, end: UInt64) {
        let isNarrow = op.access.bytes <= 4
        let value = UInt32(truncatingIfNeeded: isNarrow ? bits : 0)
        guard !isDead else { return }
        let producer = producerJustBefore(address)
        switch address.location {
        case .sum(let base, let addend, let isIndexed) where end <= UInt64(UInt32.max):
            builder.emit(isIndexed ? op.immediateIndexedOp : op.immediatePlusOp, pack(base, value), pack(addend, UInt32(end)))
        case .constant(let addressBits, _):
            builder.emit(op.immediateAbsoluteOp, pack(0, value), UInt64(UInt32(truncatingIfNeeded: addressBits)) + end)
        case .stack, .local, .sum:
            builder.emit(op.immediatePlainOp, pack(read(address), value), end)
        }
        if !isNarrow { builder.appendWord(bits) }
        builder.markResultReadOnlyByNext(producer: producer)
    }

    /// Where a scalar access of `bytes` bytes ends, counted from its address: what its code
    /// holds in place of the offset, so that the bounds check adds nothing more. A `_plus` or
    /// `_indexed` form has 32 bits for it; an end past that takes the plain form.
    static func accessEnd(_ memArg: MemArg, bytes: Int) -> UInt64 {
        memArg.offset + UInt64(bytes)
    }

    mutating func translateSaturating(_ op: SaturatingOp) throws(InvalidModuleError) {
        try emitOperator(op.op, op.shape)
    }

    /// Checks a load's or store's alignment and offset (which must fit a 32-bit memory).
    static func checkAlignment(_ memArg: MemArg, bytes: Int) throws(InvalidModuleError) {
        guard memArg.align < 32, 1 << memArg.align <= bytes else {
            throw InvalidModuleError("alignment must not be larger than natural")
        }
        try checkOffset(memArg)
    }

    @inline(__always)
    static func checkOffset(_ memArg: MemArg) throws(InvalidModuleError) {
        guard memArg.offset <= UInt64(UInt32.max) else { throw InvalidModuleError("offset out of range") }
    }

    /// `select` with a type vector, valid only with exactly one type.
    mutating func translateTypedSelect(types: [ValueType]) throws(InvalidModuleError) {
        guard types.count == 1 else { throw InvalidModuleError("invalid result arity for select") }
        try translateSelect(type: types[0])
    }

    /// `select`, or with `type` the typed `select` (which may choose references).
    mutating func translateSelect(type: ValueType? = nil) throws(InvalidModuleError) {
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
            guard a == b else { throw InvalidModuleError("type mismatch: select operands \(a) and \(b)") }
            resultType = a
        case (let a?, nil): resultType = a
        case (nil, let b?): resultType = b
        case (nil, nil): resultType = nil
        }
        if let resultType, resultType.isReference {
            throw InvalidModuleError("type mismatch: untyped select cannot choose references")
        }
        try emitSelect(first, second, condition, type: resultType)
    }

    mutating func emitSelect(_ first: Operand, _ second: Operand, _ condition: UInt32, type: ValueType?) throws(InvalidModuleError) {
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
    mutating func emitOperator(_ op: HOp, _ shape: OperatorShape) throws(InvalidModuleError) {
        if let second = shape.second {
            let b = read(try pop(second))
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a, extra: UInt64(b))
        } else {
            let a = read(try pop(shape.first))
            emitProducer(op, result: shape.result, high: a)
        }
    }

    /// A numeric instruction: a constant operand becomes an immediate (the right one; a left
    /// one after swapping the operands of a commutative operation or mirroring a comparison, or
    /// in the form with a left immediate), and a comparison is remembered so a following branch
    /// can absorb it.
    mutating func translateNumeric(_ numeric: NumericOp) throws(InvalidModuleError) {
        if numeric == .i32WrapI64 { return try translateWrap() }
        var facts = numeric.translation
        guard let second = facts.second, var immediateOp = facts.immediateOp else {
            if numeric == .i32Eqz, let condition = lastCondition, condition.operand == operands.count - 1,
               case .stack = operands[operands.count - 1].location,
               condition.negatedBy == nil, case .compare = condition.source, builder.isLastInstruction(condition.position) {
                // `eqz` of a comparison just made (and kept nowhere else, as a `local.tee`
                // would): a branch on it takes the opposite one.
                emitProducer(facts.op, result: facts.result, high: read(try pop(facts.first)))
                if let eqz = builder.lastProducer {
                    lastCondition = Condition(position: condition.position, operand: eqz.operand, source: condition.source,
                                              negatedBy: eqz.position)
                }
                return
            }
            let source = read(try pop(facts.first))
            emitProducer(facts.op, result: facts.result, high: source)
            if numeric == .i32Eqz || numeric == .i64Eqz {
                recordCondition(.isZero(slot: source, is64: numeric == .i64Eqz), operand: operands.count - 1)
            }
            return
        }
        var right = try pop(second)
        var left = try pop(facts.first)
        if left.isConstant, !right.isConstant {
            if let mirrored = facts.mirrored {
                facts = mirrored.translation
                immediateOp = facts.immediateOp ?? immediateOp
                swap(&left, &right)
            } else if facts.isCommutative {
                swap(&left, &right)
            } else if let leftImmediateOp = facts.leftImmediateOp, case .constant(let bits, _) = left.location {
                let b = read(right)
                let producer = producerJustBefore(right)
                emitProducer(leftImmediateOp, result: facts.result, high: b, extra: bits)
                builder.markResultReadOnlyByNext(producer: producer)
                return
            }
        }
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

    /// `i32.wrap_i64` takes no instruction of its own: an i32 read of a slot sees the low half
    /// of the i64 in it, so the result is a pending sum of the operand's slot and nothing (a
    /// load or store takes it as its address, anything else computes it). An `i64.add` just
    /// before, read only by the wrap, becomes that pending sum itself — the low half of `a + b`
    /// is the low halves' 32-bit sum — and an `i64.extend_i32_u/s` just before that, of the
    /// added value, is dropped too (its low half is its operand). Go computes every address so.
    mutating func translateWrap() throws(InvalidModuleError) {
        let index = operands.count - 1
        let operand = try pop(.i64)
        if case .constant(let bits, _) = operand.location {
            push(.i32, .constant(bits & 0xFFFF_FFFF, high: 0))
            return
        }
        let slot = read(operand)
        guard !isDead else { push(.i32); return }
        var sum = (base: slot, addend: UInt32(0), isIndexed: false)
        if case .stack = operand.location, let producer = builder.lastProducer, producer.operand == index,
           builder.isLastInstruction(producer.position) {
            let op = builder.lastOp(at: producer.position)
            let resultAndBase = builder.words[producer.position + 1]
            if op == HOP_i64_add_imm || op == HOP_i64_add, UInt32(truncatingIfNeeded: resultAndBase) == slot {
                sum = (UInt32(resultAndBase >> 32), UInt32(truncatingIfNeeded: builder.words[producer.position + 2]), op == HOP_i64_add)
                let extend = builder.instruction(before: producer.position)
                builder.truncate(to: producer.position)
                if sum.base == slot, let extend, extend.op == HOP_i64_extend_i32_u || extend.op == HOP_i64_extend_i32_s,
                   UInt32(truncatingIfNeeded: builder.words[extend.start + 1]) == slot {
                    sum.base = UInt32(builder.words[extend.start + 1] >> 32)
                    builder.truncate(to: extend.start)
                }
            }
        }
        push(.i32, .sum(base: sum.base, addend: sum.addend, isIndexed: sum.isIndexed))
    }

    mutating func recordCondition(_ source: Condition.Source, operand: Int) {
        guard !isDead, let producer = builder.lastProducer else { return }
        lastCondition = Condition(position: producer.position, operand: operand, source: source)
    }

    mutating func translateSIMD(_ op: SIMDOp, immediate: SIMDImmediate) throws(InvalidModuleError) {
        switch immediate {
        case .memArg(let memArg), .memArgLane(let memArg, _):
            try requireMemory(memArg.memory)
            guard memArg.align < 32, memArg.align <= op.naturalAlignment ?? 0 else {
                throw InvalidModuleError("alignment must not be larger than natural")
            }
            try Self.checkOffset(memArg)
        default: break
        }
        switch (op.immediate, immediate) {
        case (.lane(let count), .lane(let lane)), (.memArgLane(let count), .memArgLane(_, let lane)):
            guard Int(lane) < count else { throw InvalidModuleError("invalid lane index \(lane)") }
        case (.shuffle, .v128(let lanes)):
            guard lanes.bytes.allSatisfy({ $0 < 32 }) else { throw InvalidModuleError("invalid lane index") }
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
            if !isDead { builder.emit(simdMemoryOp(op, memArg), pack(inputs[0], inputs[1]), memArg.offset) }
            appendMemoryIndex(memArg)
        case .memArg(let memArg):  // load: [dst|addr] [offset]
            emitProducer(simdMemoryOp(op, memArg), result: .v128, high: inputs[0], extra: memArg.offset)
            appendMemoryIndex(memArg)
        case .memArgLane(let memArg, let lane) where signature.result == nil:  // [addr|value] [offset] [lane]
            if !isDead { builder.emit(simdMemoryOp(op, memArg), pack(inputs[0], inputs[1]), memArg.offset, UInt64(lane)) }
            appendMemoryIndex(memArg)
        case .memArgLane(let memArg, let lane):  // [dst|addr] [offset] [vector|lane]
            push(.v128)
            if !isDead {
                builder.emit(simdMemoryOp(op, memArg), pack(operands[operands.count - 1].slot, inputs[0]), memArg.offset,
                             pack(inputs[1], UInt32(lane)))
            }
            appendMemoryIndex(memArg)
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

    /// A SIMD load's or store's operation: its own for memory 0 (in registers), else the form
    /// for any memory, whose code words end with the memory's index (`appendMemoryIndex`).
    @inline(__always)
    func simdMemoryOp(_ op: SIMDOp, _ memArg: MemArg) -> HOp {
        memArg.memory == 0 ? op.op! : op.anyMemoryOp!
    }

    /// Ends a SIMD load or store of a memory other than 0 with the memory's index.
    @inline(__always)
    mutating func appendMemoryIndex(_ memArg: MemArg) {
        if memArg.memory != 0 && !isDead { builder.appendWord(UInt64(memArg.memory)) }
    }
}
