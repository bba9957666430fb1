import WasmEngine

/// Reads and writes of guest memory for WASI calls: little-endian, bounds-checked; a pointer
/// outside the memory is `Errno.fault`, never a host access.
struct GuestMemory {
    let memory: Memory

    /// The calling instance's memory; a guest without one gets `fault` for any pointer.
    init(_ caller: Caller) throws(WASIError) {
        guard let memory = caller.memory else { throw WASIError(.fault) }
        self.memory = memory
    }

    /// Runs `body` on the guest's `count` bytes at `pointer`, in place.
    func withBytes<R>(at pointer: Int32, count: Int, _ body: (UnsafeRawBufferPointer) throws(WASIError) -> R) throws(WASIError) -> R {
        try withMutableBytes(at: pointer, count: count) { bytes throws(WASIError) in try body(UnsafeRawBufferPointer(bytes)) }
    }

    /// Runs `body` on the guest's `count` bytes at `pointer`, in place, to write them.
    ///
    /// The bounds are checked here, so the engine's accessor never throws; `body`'s error
    /// travels back as a value, because wrapping a typed-throwing closure for the engine's
    /// untyped one would allocate on every call.
    func withMutableBytes<R>(at pointer: Int32, count: Int, _ body: (UnsafeMutableRawBufferPointer) throws(WASIError) -> R) throws(WASIError) -> R {
        let offset = Int(UInt32(bitPattern: pointer))
        guard count >= 0, offset <= memory.byteCount - count else { throw WASIError(.fault) }
        let result = try? memory.withUnsafeMutableBytes(at: offset, count: count) { bytes in
            Result { () throws(WASIError) in try body(bytes) }
        }
        return try (result ?? .failure(WASIError(.fault))).get()
    }

    func storeU32(_ value: UInt32, at pointer: Int32) throws(WASIError) {
        try store(value.littleEndian, at: pointer)
    }

    func storeU64(_ value: UInt64, at pointer: Int32) throws(WASIError) {
        try store(value.littleEndian, at: pointer)
    }

    func loadU32(at pointer: Int32) throws(WASIError) -> UInt32 {
        try withBytes(at: pointer, count: 4) { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    func write(_ bytes: some Collection<UInt8>, at pointer: Int32) throws(WASIError) {
        try withMutableBytes(at: pointer, count: bytes.count) { $0.copyBytes(from: bytes) }
    }

    /// The pointer and length of entry `index` of an iovec array at `iovs`.
    func buffer(_ index: Int, of iovs: Int32) throws(WASIError) -> (pointer: Int32, length: Int) {
        let entry = iovs &+ Int32(truncatingIfNeeded: index * 8)
        return (Int32(bitPattern: try loadU32(at: entry)), Int(try loadU32(at: entry &+ 4)))
    }

    private func store<T: FixedWidthInteger>(_ value: T, at pointer: Int32) throws(WASIError) {
        try withMutableBytes(at: pointer, count: MemoryLayout<T>.size) { $0.storeBytes(of: value, as: T.self) }
    }
}
