import CWasmEngine
import WasmBinary

/// A callable function: a wasm export or a host function made with `init(store:type:body:)`.
public struct Function: @unchecked Sendable {
    @usableFromInline let handle: UnsafeMutablePointer<HFunc>
    @usableFromInline let store: Store

    init(handle: UnsafeMutablePointer<HFunc>, store: Store) {
        self.handle = handle
        self.store = store
    }

    /// The function's signature.
    public var type: FunctionType {
        TypeRegistry.type(of: handle.pointee.typeID)
    }

    /// Calls the function. Arguments are checked against its signature.
    public func call(_ arguments: [Value]) throws -> [Value] {
        let type = self.type
        guard arguments.count == type.parameters.count else {
            throw CallError("expected \(type.parameters.count) arguments but got \(arguments.count)")
        }
        for (index, (argument, expected)) in zip(arguments, type.parameters).enumerated() where !argument.fits(expected) {
            throw CallError("argument \(index) must be \(expected) but is \(argument.type)")
        }
        let width = max(Int(handle.pointee.paramSlots), Int(handle.pointee.resultSlots), 1)
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: width) { buffer in
            let slots = buffer.baseAddress!
            var offset = 0
            for argument in arguments {
                argument.store(to: slots + offset)
                offset += argument.type.slotCount
            }
            try store.invoke(handle, slots: slots)
            var results: [Value] = []
            offset = 0
            for type in type.results {
                results.append(Value.load(type, from: slots + offset, store: store))
                offset += type.slotCount
            }
            return results
        }
    }

    /// Calls the function with variadic arguments.
    public func callAsFunction(_ arguments: Value...) throws -> [Value] {
        try call(arguments)
    }
}

extension Function: Equatable {
    /// The same function: the same entry of the same store.
    public static func == (lhs: Function, rhs: Function) -> Bool { lhs.handle == rhs.handle }
}
