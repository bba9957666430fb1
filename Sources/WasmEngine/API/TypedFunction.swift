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
///
/// `Parameters` is the parameter types as a tuple (`(Int32, Int32)`; one type alone; `()` for
/// none). Up to nine parameters; `callAsFunction` has one overload per arity
/// (Generated/TypedArities.swift), so every argument goes straight into its slot.
public struct TypedFunction<Parameters, Result: WasmValue> {
    @usableFromInline let invoker: TypedInvoker
}

/// A function without results, typed like `TypedFunction`: `try reset()`.
public struct TypedProcedure<Parameters> {
    @usableFromInline let invoker: TypedInvoker
}

/// The shared call path of typed functions: arguments written straight into the store's value
/// stack, `hearth_call` on them, the result read from there; the error path out of line.
@usableFromInline
struct TypedInvoker {
    @usableFromInline let function: Function
    @usableFromInline let context: UnsafeMutablePointer<HContext>
    @usableFromInline let handle: UnsafeMutablePointer<HFunc>
    /// The slots the call needs at the stack's top: max(parameters, results).
    @usableFromInline let slotCount: Int

    init(function: Function) {
        self.function = function
        context = function.store.context
        handle = function.handle
        slotCount = max(Int(handle.pointee.paramSlots), Int(handle.pointee.resultSlots))
    }

    @inlinable
    func invoke<R>(
        _ arguments: (UnsafeMutablePointer<UInt64>) -> Void, results: (UnsafeMutablePointer<UInt64>) -> R
    ) throws -> R {
        let slots = context.pointee.stackTop!
        guard context.pointee.stackLimit - slots >= slotCount else { try stackExhausted() }
        arguments(slots)
        let status = hearth_call(context, handle)
        if status != 0 { try function.store.throwTrap(status) }
        return results(slots)
    }

    @usableFromInline @inline(never)
    func stackExhausted() throws -> Never {
        throw Trap(.callStackExhausted)
    }
}

extension Function {
    /// Throws `CallError` unless the function's type is exactly `parameters -> results`.
    /// (v128 and references have no typed view; use `call(_:)`.)
    func checkSignature(parameters: [ValueType], results: [ValueType]) throws {
        let expected = FunctionType(parameters: parameters, results: results)
        guard type == expected else { throw CallError("function has type \(type), not \(expected)") }
    }
}
