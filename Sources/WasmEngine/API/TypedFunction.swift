import CWasmEngine
import WasmBinary

/// A Swift type that maps to one WebAssembly value type.
public protocol WasmValue {
    static var valueType: ValueType { get }
    /// The value's bits in a frame slot.
    var slotBits: UInt64 { get }
    init(slotBits: UInt64)
}

extension Int32: WasmValue {
    public static var valueType: ValueType { .i32 }
    @inlinable public var slotBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    @inlinable public init(slotBits: UInt64) { self = Int32(bitPattern: UInt32(truncatingIfNeeded: slotBits)) }
}

extension UInt32: WasmValue {
    public static var valueType: ValueType { .i32 }
    @inlinable public var slotBits: UInt64 { UInt64(self) }
    @inlinable public init(slotBits: UInt64) { self = UInt32(truncatingIfNeeded: slotBits) }
}

extension Int64: WasmValue {
    public static var valueType: ValueType { .i64 }
    @inlinable public var slotBits: UInt64 { UInt64(bitPattern: self) }
    @inlinable public init(slotBits: UInt64) { self = Int64(bitPattern: slotBits) }
}

extension UInt64: WasmValue {
    public static var valueType: ValueType { .i64 }
    @inlinable public var slotBits: UInt64 { self }
    @inlinable public init(slotBits: UInt64) { self = slotBits }
}

extension Float: WasmValue {
    public static var valueType: ValueType { .f32 }
    @inlinable public var slotBits: UInt64 { UInt64(bitPattern) }
    @inlinable public init(slotBits: UInt64) { self = Float(bitPattern: UInt32(truncatingIfNeeded: slotBits)) }
}

extension Double: WasmValue {
    public static var valueType: ValueType { .f64 }
    @inlinable public var slotBits: UInt64 { bitPattern }
    @inlinable public init(slotBits: UInt64) { self = Double(bitPattern: slotBits) }
}

/// A function with a signature checked once, called with Swift values and no boxing:
/// `let add = try f.typed(Int32.self, Int32.self, returning: Int32.self); try add(2, 3)`.
public struct TypedFunction<each Parameter: WasmValue, Result: WasmValue> {
    @usableFromInline let function: Function
    @usableFromInline let context: UnsafeMutablePointer<HContext>
    @usableFromInline let handle: UnsafeMutablePointer<HFunc>
    @usableFromInline let slotCapacity: Int

    @usableFromInline init(function: Function) {
        self.function = function
        context = function.store.context
        handle = function.handle
        slotCapacity = max(Int(handle.pointee.paramSlots), Int(handle.pointee.resultSlots), 1)
    }

    /// Calls the function; throws a `Trap` if it traps.
    @inlinable
    public func callAsFunction(_ arguments: repeat each Parameter) throws -> Result {
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slotCapacity) { buffer in
            let slots = buffer.baseAddress!
            var index = 0
            for argument in repeat each arguments {
                slots[index] = argument.slotBits
                index += 1
            }
            let status = hearth_invoke(context, handle, slots)
            if status != 0 { try function.store.throwTrap(status) }
            return Result(slotBits: slots[0])
        }
    }
}

extension Function {
    /// A typed view of this function; throws `CallError` unless the signature matches
    /// exactly (v128 and reference types are not supported here; use `call(_:)`).
    public func typed<each Parameter: WasmValue, Result: WasmValue>(
        _ parameters: repeat (each Parameter).Type, returning: Result.Type
    ) throws -> TypedFunction<repeat each Parameter, Result> {
        var types: [ValueType] = []
        for parameter in repeat each parameters { types.append(parameter.valueType) }
        let expected = FunctionType(parameters: types, results: [Result.valueType])
        guard type == expected else { throw CallError("function has type \(type), not \(expected)") }
        return TypedFunction(function: self)
    }

}
