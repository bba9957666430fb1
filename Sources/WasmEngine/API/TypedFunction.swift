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
    @usableFromInline let invoker: TypedInvoker

    /// Calls the function; throws a `Trap` if it traps.
    @inlinable
    public func callAsFunction(_ arguments: repeat each Parameter) throws -> Result {
        try invoker.invoke { slots in
            var index = 0
            for argument in repeat each arguments {
                slots[index] = argument.slotBits
                index += 1
            }
        } results: { slots in
            Result(slotBits: slots[0])
        }
    }
}

/// A function without results, typed like `TypedFunction`: `try reset()`.
public struct TypedProcedure<each Parameter: WasmValue> {
    @usableFromInline let invoker: TypedInvoker

    /// Calls the function; throws a `Trap` if it traps.
    @inlinable
    public func callAsFunction(_ arguments: repeat each Parameter) throws {
        try invoker.invoke { slots in
            var index = 0
            for argument in repeat each arguments {
                slots[index] = argument.slotBits
                index += 1
            }
        } results: { _ in }
    }
}

/// The shared call path of typed functions: slots on the native stack, straight into
/// `hearth_invoke`, and the error path out of line.
@usableFromInline
struct TypedInvoker {
    @usableFromInline let function: Function
    @usableFromInline let context: UnsafeMutablePointer<HContext>
    @usableFromInline let handle: UnsafeMutablePointer<HFunc>
    @usableFromInline let slotCapacity: Int

    init(function: Function) {
        self.function = function
        context = function.store.context
        handle = function.handle
        slotCapacity = max(Int(handle.pointee.paramSlots), Int(handle.pointee.resultSlots), 1)
    }

    @inlinable
    func invoke<R>(
        _ arguments: (UnsafeMutablePointer<UInt64>) -> Void, results: (UnsafeMutablePointer<UInt64>) -> R
    ) throws -> R {
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slotCapacity) { buffer in
            let slots = buffer.baseAddress!
            arguments(slots)
            let status = hearth_invoke(context, handle, slots)
            if status != 0 { try function.store.throwTrap(status) }
            return results(slots)
        }
    }
}

extension Function {
    /// A typed view of a function with one result; throws `CallError` unless the signature
    /// matches exactly. (v128 and references are not supported here; use `call(_:)`.)
    public func typed<each Parameter: WasmValue, Result: WasmValue>(
        _ parameters: repeat (each Parameter).Type, returning: Result.Type
    ) throws -> TypedFunction<repeat each Parameter, Result> {
        try checkSignature(repeat each parameters, results: [Result.valueType])
        return TypedFunction(invoker: TypedInvoker(function: self))
    }

    /// A typed view of a function without results.
    public func typed<each Parameter: WasmValue>(
        _ parameters: repeat (each Parameter).Type
    ) throws -> TypedProcedure<repeat each Parameter> {
        try checkSignature(repeat each parameters, results: [])
        return TypedProcedure(invoker: TypedInvoker(function: self))
    }

    private func checkSignature<each Parameter: WasmValue>(
        _ parameters: repeat (each Parameter).Type, results: [ValueType]
    ) throws {
        var types: [ValueType] = []
        for parameter in repeat each parameters { types.append(parameter.valueType) }
        let expected = FunctionType(parameters: types, results: results)
        guard type == expected else { throw CallError("function has type \(type), not \(expected)") }
    }
}
