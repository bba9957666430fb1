/// The guest's open descriptors by number. A new descriptor takes the lowest free number.
struct DescriptorTable {
    /// No guest holds more than this many descriptors at once (`mfile` past it).
    static let limit = 4096

    private var entries: [Descriptor?] = []

    /// The descriptor numbered `fd`; `badf` if none is open there.
    func get(_ fd: Int32) throws(WASIError) -> Descriptor {
        guard fd >= 0, Int(fd) < entries.count, let descriptor = entries[Int(fd)] else { throw WASIError(.badf) }
        return descriptor
    }

    /// Opens `descriptor` at the lowest free number, and returns that number.
    mutating func insert(_ descriptor: Descriptor) throws(WASIError) -> Int32 {
        if let free = entries.firstIndex(where: { $0 == nil }) {
            entries[free] = descriptor
            return Int32(free)
        }
        guard entries.count < Self.limit else { throw WASIError(.mfile) }
        entries.append(descriptor)
        return Int32(entries.count - 1)
    }

    /// Closes `fd` (its host file closes when nothing else holds it).
    mutating func remove(_ fd: Int32) throws(WASIError) {
        _ = try get(fd)
        entries[Int(fd)] = nil
        while entries.last.map({ $0 == nil }) == true { entries.removeLast() }
    }

    /// Moves `from` to the number `to`, closing what `to` held; both must be open.
    mutating func renumber(_ from: Int32, to: Int32) throws(WASIError) {
        let descriptor = try get(from)
        _ = try get(to)
        guard from != to else { return }
        entries[Int(to)] = descriptor
        try remove(from)
    }
}
