import CWasmEngine
import WasmBinary

/// Locals and globals: `local.get` emits nothing (the operand reads the local), `local.set`
/// retargets the value's producer into the local where it can.
extension FunctionTranslator {
    @inline(__always)
    mutating func translateLocalGet(local index: UInt32) throws(InvalidModuleError) {
        let local = try local(index)
        try checkInitialized(index)
        push(local.type, .local(local.offset))
    }

    @inline(__always)
    mutating func translateLocalSet(local index: UInt32) throws(InvalidModuleError) {
        try setLocal(local(index), keep: false)
        markInitialized(index)
    }

    @inline(__always)
    mutating func translateLocalTee(local index: UInt32) throws(InvalidModuleError) {
        try setLocal(local(index), keep: true)
        markInitialized(index)
    }

    @inline(__always)
    mutating func translateGlobalGet(global index: UInt32) throws(InvalidModuleError) {
        let global = try context.global(at: index)
        emitProducer(global.valueType == .v128 ? HOP_global_get_v128 : HOP_global_get, result: global.valueType, high: index)
    }

    @inline(__always)
    mutating func translateGlobalSet(global index: UInt32) throws(InvalidModuleError) {
        let global = try context.global(at: index)
        guard global.isMutable else { throw InvalidModuleError("global is immutable: global \(index)") }
        let value = try pop(global.valueType)
        let slot = read(value)
        if !isDead { builder.emit(global.valueType == .v128 ? HOP_global_set_v128 : HOP_global_set, pack(slot, index)) }
    }

    @inline(__always)
    mutating func local(_ index: UInt32) throws(InvalidModuleError) -> Local {
        guard Int(index) < locals.count else { throw InvalidModuleError("unknown local \(index)") }
        return locals[Int(index)]
    }

    /// `local.set`, or with `keep` `local.tee`, which leaves the value on the stack, read from
    /// the local.
    mutating func setLocal(_ local: Local, keep: Bool) throws(InvalidModuleError) {
        let value = try pop(local.type)
        if !isDead { storeLocal(value, into: local.offset) }
        if keep { push(local.type, .local(local.offset)) }
    }

    @inline(__always)
    mutating func storeLocal(_ value: Operand, into offset: UInt32) {
        if case .local(offset) = value.location { return }
        if case .stack = value.location, let producer = builder.lastProducer,
           producer.operand == operands.count, builder.isLastInstruction(producer.position) {
            // Write the result straight into the local.
            guard hasPendingReads(ofLocal: offset) else {
                builder.retargetResult(of: producer.position, to: offset)
                builder.lastProducer = nil
                return
            }
            // Pending reads of the local are copied out first, so the producer moves after
            // those copies (it reads none of their slots).
            let instruction = builder.removeLastInstruction()
            lastCondition = nil
            preserveLocal(offset)
            let position = builder.append(instruction)
            builder.retargetResult(of: position, to: offset)
            return
        }
        preserveLocal(offset)
        let producer = producerJustBefore(value)
        emitValue(value, into: offset)
        builder.markResultReadOnlyByNext(producer: producer)
    }
}
