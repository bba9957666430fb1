#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// `fd_readdir`: a directory's entries, `.` and `..` included, each with the cookie of the
/// one after it.
extension WASI {
    func defineDirectories(in linker: inout Linker) {
        linker.define(WASI.moduleName, "fd_readdir") { (caller: Caller, fd: Int32, buffer: Int32, capacity: Int32, cookie: Int64, used: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let directory = try self.descriptors.get(fd).directory(.fdReaddir)
                let memory = try GuestMemory(caller)
                let capacity = Int(UInt32(bitPattern: capacity))
                // Entries are read afresh each call: cookies are positions in this order.
                var bytes: [UInt8] = []
                for (index, entry) in try Self.entries(of: directory).enumerated().dropFirst(Int(clamping: UInt64(bitPattern: cookie))) {
                    guard bytes.count < capacity else { break }
                    Self.append(entry, next: UInt64(index + 1), to: &bytes)
                }
                let count = min(bytes.count, capacity)
                try memory.write(bytes[..<count], at: buffer)
                try memory.storeU32(UInt32(count), at: used)
            }
        }
    }

    private struct DirectoryEntry {
        var name: [UInt8]
        var inode: UInt64
        var type: FileType
    }

    /// Every entry of the host directory `fd`, in the order the host lists them.
    private static func entries(of fd: Int32) throws(WASIError) -> [DirectoryEntry] {
        let copy = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard copy >= 0 else { throw WASIError.host }
        guard let stream = fdopendir(copy) else {
            let error = WASIError.host
            close(copy)
            throw error
        }
        defer { closedir(stream) }
        var result: [DirectoryEntry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            var type = FileType(directoryEntryType: entry.pointee.d_type)
            if type == .unknown {
                var status = stat()
                if fstatat(fd, String(decoding: name, as: UTF8.self), &status, AT_SYMLINK_NOFOLLOW) == 0 {
                    type = FileType(mode: status.st_mode)
                }
            }
            result.append(DirectoryEntry(name: name, inode: UInt64(entry.pointee.d_ino), type: type))
        }
        return result
    }

    /// A preview 1 `dirent` (next cookie, inode, name length, type) and the name after it.
    private static func append(_ entry: DirectoryEntry, next: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: next.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: entry.inode.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(entry.name.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [entry.type.rawValue, 0, 0, 0])
        bytes.append(contentsOf: entry.name)
    }
}
