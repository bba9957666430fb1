import CWasmEngine
import WasmBinary

/// Typed function references (spec 3.0): `call_ref`, `ref.as_non_null`, `br_on_null`,
/// `br_on_non_null`, and the rule that a local without a default value is set before it is read.
extension FunctionTranslator {
    mutating func translateCallRef(type index: UInt32) throws(InvalidModuleError) {
        let signature = try signatures.ofType(index)
        let reference = try pop(.ref(ReferenceType(nullable: true, try context.canonical(HeapType.concrete(index)))))
        let referenceSlot = read(reference)
        let argumentBase = try emitCall(type: signature)
        if !isDead { builder.emit(checksLimits ? HOP_call_ref_checked : HOP_call_ref, pack(argumentBase, referenceSlot)) }
        pushResults(of: signature)
    }

    mutating func translateReturnCallRef(type index: UInt32) throws(InvalidModuleError) {
        let signature = try signatures.ofType(index)
        let reference = try pop(.ref(ReferenceType(nullable: true, try context.canonical(HeapType.concrete(index)))))
        let referenceSlot = read(reference)
        try checkTailCallResults(of: signature, by: "return_call_ref")
        let argumentBase = try emitCall(type: signature)
        if !isDead { builder.emit(HOP_return_call_ref, pack(argumentBase, referenceSlot)) }
        markUnreachable()
    }

    mutating func translateRefAsNonNull() throws(InvalidModuleError) {
        let operand = try popReference(for: "ref.as_non_null")
        let source = read(operand)
        emitProducer(HOP_ref_as_non_null, result: operand.type.map(Self.nonNull) ?? .funcref, high: source)
        if operand.type == nil { operands[operands.count - 1].type = nil }
    }

    /// `br_on_null`: branches with the values below the reference when it is null; else the
    /// reference stays, known not to be null.
    mutating func translateBrOnNull(label depth: UInt32) throws(InvalidModuleError) {
        let target = try label(depth)
        let index = operands.count - 1
        let reference = try popReference(for: "br_on_null")
        try retypeTop(controls[target].labelTypes)
        if !isDead { try emitBranch(to: target, ifZero: true, reference: reference, at: index) }
        push(reference.type.map(Self.nonNull), reference.location)
    }

    /// `br_on_non_null`: branches with the values and the reference when it is not null.
    mutating func translateBrOnNonNull(label depth: UInt32) throws(InvalidModuleError) {
        let target = try label(depth)
        let labelTypes = controls[target].labelTypes
        guard let last = labelTypes.last, last.isReference else {
            throw InvalidModuleError("type mismatch: br_on_non_null needs a label whose last value is a reference")
        }
        let index = operands.count - 1
        let reference = try popReference(for: "br_on_non_null")
        if let type = reference.type, !Self.nonNull(type).matches(last) {
            throw InvalidModuleError("type mismatch: br_on_non_null of \(type) to a label of \(last)")
        }
        try retypeTop(Array(labelTypes.dropLast()))
        push(last, reference.location)
        if !isDead { try emitBranch(to: target, ifZero: false, reference: operands[operands.count - 1], at: index) }
        operands.removeLast()
    }

    /// A branch to `target` taken when the reference (at stack `index`) is null (`ifZero`) or
    /// not. The label's values are on top of the stack.
    private mutating func emitBranch(to target: Int, ifZero: Bool, reference: Operand, at index: Int) throws(InvalidModuleError) {
        let slot = read(reference)
        let branch = ifZero ? HOP_br_i64_eqz : HOP_br_i64_nez
        let skip = ifZero ? HOP_br_i64_nez : HOP_br_i64_eqz
        if needsCopies(target: target) {
            let over = CodeBuilder.Jump(position: builder.emit(skip, pack(slot, 0)), word: 1, half: .high)
            emitBranchCopies(to: target, unconditional: false)
            emitJump(to: target)
            builder.markLabel()
            builder.patch(over, target: builder.position)
        } else {
            bind(CodeBuilder.Jump(position: builder.emit(branch, pack(slot, 0)), word: 1, half: .high), to: target)
        }
    }

    private mutating func popReference(for instruction: String) throws(InvalidModuleError) -> Operand {
        let operand = try pop()
        if let type = operand.type, !type.isReference {
            throw InvalidModuleError("type mismatch: \(instruction) needs a reference, found \(type)")
        }
        return operand
    }

    private static func nonNull(_ type: ValueType) -> ValueType {
        guard case .ref(let reference) = type else { return type }
        return .ref(ReferenceType(nullable: false, reference.heapType))
    }

    /// Checks a local without a default is set before `local.get` reads it.
    @inline(__always)
    func checkInitialized(_ index: UInt32) throws(InvalidModuleError) {
        if !unsetLocals.isEmpty, unsetLocals[Int(index)] { throw InvalidModuleError("uninitialized local \(index)") }
    }

    /// Records that `local.set` or `local.tee` set local `index`.
    @inline(__always)
    mutating func markInitialized(_ index: UInt32) {
        if !unsetLocals.isEmpty, unsetLocals[Int(index)] {
            unsetLocals[Int(index)] = false
            setLocals.append(index)
        }
    }

    /// Unsets the locals set inside the innermost frame, at its end (or `else`).
    mutating func resetLocalsSetInFrame() {
        let height = controls[current].setLocalsHeight
        while setLocals.count > height { unsetLocals[Int(setLocals.removeLast())] = true }
    }
}
