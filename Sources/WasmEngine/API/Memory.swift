import CWasmEngine
import WasmBinary

/// A linear memory. Reads and writes are bounds-checked.
public struct Memory: @unchecked Sendable {
    @usableFromInline let handle: UnsafeMutablePointer<HMemory>
    let store: Store

    /// Current size in bytes.
    @inlinable public var byteCount: Int { Int(handle.pointee.size) }
    /// Current size in 64 KiB pages.
    public var pageCount: Int { byteCount / 65536 }
    /// The current size as limits (the maximum as declared).
    public var type: MemoryType {
        let max = handle.pointee.maxPages
        return MemoryType(limits: Limits(min: UInt64(pageCount), max: max == 65536 ? nil : max))
    }

    /// Makes a standalone memory, e.g. to provide as an import. Throws a `LimitError` past the
    /// store's memory limit, a `LinkError` when the host has no room.
    public init(store: Store, type: MemoryType) throws {
        self.init(handle: try store.allocateMemory(type), store: store)
    }

    init(handle: UnsafeMutablePointer<HMemory>, store: Store) {
        self.handle = handle
        self.store = store
    }

    /// Copies `count` bytes at `offset` out of the memory.
    public func read(at offset: Int, count: Int) throws(Trap) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= byteCount - count else { throw Trap(.outOfBoundsMemoryAccess) }
        return Array(UnsafeBufferPointer(start: handle.pointee.base + offset, count: count))
    }

    /// Copies `bytes` into the memory at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws(Trap) {
        guard offset >= 0, offset <= byteCount - bytes.count else { throw Trap(.outOfBoundsMemoryAccess) }
        bytes.withUnsafeBufferPointer { source in
            (handle.pointee.base + offset).update(from: source.baseAddress!, count: source.count)
        }
    }

    /// Calls `body` with the `count` bytes at `offset`, without copying. The pointer is valid
    /// only inside `body` (a guest that grows the memory may move it). Inlinable, like the
    /// typed calls it goes with: a generic call through a closure cost more than the check.
    @inlinable
    public func withUnsafeBytes<R>(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard offset >= 0, count >= 0, offset <= byteCount - count else { throw Trap(.outOfBoundsMemoryAccess) }
        return try body(UnsafeRawBufferPointer(start: handle.pointee.base + offset, count: count))
    }

    /// Calls `body` with the `count` bytes at `offset` to write into, without copying.
    @inlinable
    public func withUnsafeMutableBytes<R>(at offset: Int, count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        guard offset >= 0, count >= 0, offset <= byteCount - count else { throw Trap(.outOfBoundsMemoryAccess) }
        return try body(UnsafeMutableRawBufferPointer(start: handle.pointee.base + offset, count: count))
    }

    /// Grows by `pages`; returns the old page count, or nil when the maximum or the store's
    /// memory limit forbids it.
    @discardableResult
    public func grow(by pages: Int) -> Int? {
        let old = hearth_memory_grow(handle, UInt64(pages))
        return old < 0 ? nil : Int(old)
    }
}
