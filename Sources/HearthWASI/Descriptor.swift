#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open descriptor of the guest: a host file or directory, or a standard stream the
/// embedder supplies. Closing it (dropping the last reference) closes what it owns.
final class Descriptor {
    /// What the descriptor reads and writes.
    enum Backing {
        /// A host file descriptor; `owned` ones are closed with the descriptor.
        case host(Int32, owned: Bool)
        /// Input the embedder gives: bytes or a reader.
        case input(InputSource)
        /// Output the embedder collects or discards.
        case output(WASIOutput)
    }

    let backing: Backing
    let type: FileType
    var rights: Rights
    var inheritingRights: Rights
    var flags: FDFlags
    /// The guest path of a pre-opened directory (`fd_prestat_get`); nil for the rest.
    let preopenPath: String?
    /// Beneath a read-only pre-open: nothing through it may change the file system.
    let isReadOnly: Bool

    init(backing: Backing, type: FileType, rights: Rights, inheritingRights: Rights = [],
         flags: FDFlags = [], preopenPath: String? = nil, isReadOnly: Bool = false) {
        self.backing = backing
        self.type = type
        self.rights = isReadOnly ? rights.subtracting(.mutating) : rights
        self.inheritingRights = isReadOnly ? inheritingRights.subtracting(.mutating) : inheritingRights
        self.flags = flags
        self.preopenPath = preopenPath
        self.isReadOnly = isReadOnly
    }

    deinit {
        if case .host(let fd, owned: true) = backing { close(fd) }
    }

    /// The host descriptor; nil for a stream the embedder supplies.
    var hostFD: Int32? {
        if case .host(let fd, _) = backing { return fd }
        return nil
    }

    /// Throws unless the descriptor has every right in `needed`: `perm` for a change beneath
    /// a read-only pre-open, else `otherwise` (by default `notcapable`).
    func require(_ needed: Rights, otherwise: Errno = .notcapable) throws(WASIError) {
        let missing = needed.subtracting(rights)
        guard missing.isEmpty else {
            throw WASIError(isReadOnly && missing.isSubset(of: .mutating) ? .perm : otherwise)
        }
    }

    /// The host descriptor of a directory with the rights `needed`: `notdir` for a file.
    func directory(_ needed: Rights) throws(WASIError) -> Int32 {
        guard type == .directory, let fd = hostFD else { throw WASIError(.notdir) }
        try require(needed)
        return fd
    }
}

/// Bytes the embedder feeds a guest's standard input: a fixed buffer read once, or a reader.
final class InputSource {
    private var bytes: [UInt8]
    private var offset = 0
    private let reader: (@Sendable (UnsafeMutableRawBufferPointer) -> Int)?

    init(bytes: [UInt8]) { (self.bytes, reader) = (bytes, nil) }
    init(reader: @escaping @Sendable (UnsafeMutableRawBufferPointer) -> Int) { (bytes, self.reader) = ([], reader) }

    /// Bytes left in a fixed buffer (for `poll_oneoff`); nil for a reader.
    var available: Int? { reader == nil ? bytes.count - offset : nil }

    /// Fills `buffer` as far as it can; 0 at end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if let reader { return max(0, min(buffer.count, reader(buffer))) }
        let end = min(bytes.count, offset + buffer.count)
        buffer.copyBytes(from: bytes[offset..<end])
        defer { offset = end }
        return end - offset
    }
}
