import CWasmEngine
import WasmBinary

/// A global variable.
public struct Global: @unchecked Sendable {
    let handle: UnsafeMutablePointer<HGlobal>
    let store: Store
    /// Its value type and mutability.
    public let type: GlobalType

    init(handle: UnsafeMutablePointer<HGlobal>, store: Store, type: GlobalType) {
        self.handle = handle
        self.store = store
        self.type = type
    }

    /// Makes a standalone global, e.g. to provide as an import.
    public init(store: Store, type: GlobalType, value: Value) {
        let handle = store.allocateGlobal(type.valueType, value: HGlobal(value: 0, high: 0))
        value.store(to: UnsafeMutableRawPointer(handle).assumingMemoryBound(to: UInt64.self))
        self.init(handle: handle, store: store, type: type)
    }

    /// Its current value.
    public var value: Value {
        Value.load(type.valueType, from: UnsafeRawPointer(handle).assumingMemoryBound(to: UInt64.self), store: store)
    }

    /// Sets a mutable global; throws `CallError` for an immutable one or a value of another type.
    public func set(_ value: Value) throws(CallError) {
        guard type.isMutable else { throw CallError("the global is immutable") }
        guard value.fits(type.valueType) else { throw CallError("the global holds \(type.valueType), not \(value.type)") }
        value.store(to: UnsafeMutableRawPointer(handle).assumingMemoryBound(to: UInt64.self))
    }
}
