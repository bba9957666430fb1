import CWasmEngine
import WasmBinary

/// A table of references.
public struct Table: @unchecked Sendable {
    let handle: UnsafeMutablePointer<HTable>
    let store: Store
    /// `funcref` or `externref`.
    public let elementType: ValueType

    init(handle: UnsafeMutablePointer<HTable>, store: Store, elementType: ValueType) {
        self.handle = handle
        self.store = store
        self.elementType = elementType
    }

    /// Makes a standalone table filled with nulls. Throws a `LimitError` past the store's
    /// memory limit, a `LinkError` when the host has no room.
    public init(store: Store, type: TableType) throws {
        self.init(handle: try store.allocateTable(type, initial: 0), store: store, elementType: type.elementType)
    }

    /// Current size in elements.
    public var count: Int { Int(handle.pointee.size) }
    /// The element type and the current size as limits (the maximum as declared).
    public var type: TableType {
        let max = handle.pointee.maxSize
        return TableType(elementType: elementType, limits: Limits(min: UInt64(count), max: max == UInt32.max ? nil : UInt64(max)))
    }

    /// The reference at `index`; nil past the end.
    public subscript(index: Int) -> Value? {
        guard index >= 0, index < count else { return nil }
        var bits = handle.pointee.elements[index]
        return Value.load(elementType, from: &bits, store: store)
    }
}
