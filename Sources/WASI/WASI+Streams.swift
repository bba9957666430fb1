#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// The standard streams: descriptors 0, 1 and 2. (There are no pre-opened directories yet,
/// so every other descriptor is `badf`.)
extension WASI {
    func defineStreams(in linker: inout Linker) {
        let module = WASI.moduleName
        linker.define(module, "fd_write") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, written: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                // The descriptor first: writing nothing to a bad one is still `badf`.
                guard fd == 1 || fd == 2, !self.closed.contains(fd) else { throw WASIError(.badf) }
                let memory = try GuestMemory(caller)
                var total = 0
                for buffer in try memory.buffers(iovs, count: count) {
                    try memory.withBytes(at: buffer.pointer, count: buffer.length) { bytes throws(WASIError) in
                        try self.write(bytes, to: fd)
                    }
                    total += buffer.length
                }
                try memory.storeU32(UInt32(truncatingIfNeeded: total), at: written)
            }
        }
        linker.define(module, "fd_read") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, read: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard fd == 0, !self.closed.contains(fd) else { throw WASIError(.badf) }
                let memory = try GuestMemory(caller)
                var total = 0
                for buffer in try memory.buffers(iovs, count: count) {
                    let count = try memory.withMutableBytes(at: buffer.pointer, count: buffer.length) { bytes throws(WASIError) in
                        try self.readInput(into: bytes)
                    }
                    total += count
                    if count < buffer.length { break }
                }
                try memory.storeU32(UInt32(truncatingIfNeeded: total), at: read)
            }
        }
        linker.define(module, "fd_close") { (_: Caller, fd: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard (0...2).contains(fd), self.closed.insert(fd).inserted else { throw WASIError(.badf) }
            }
        }
        linker.define(module, "fd_fdstat_get") { (caller: Caller, fd: Int32, stat: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard (0...2).contains(fd), !self.closed.contains(fd) else { throw WASIError(.badf) }
                // fdstat: filetype u8 at 0 (character device), flags u16 at 2, rights at 8 and 16.
                let rights: UInt64 = fd == 0 ? Self.rightRead : Self.rightWrite
                let memory = try GuestMemory(caller)
                try memory.write([2, 0, 0, 0, 0, 0, 0, 0], at: stat)
                try memory.storeU64(rights | Self.rightPoll, at: stat &+ 8)
                try memory.storeU64(0, at: stat &+ 16)
            }
        }
        linker.define(module, "fd_seek") { (_: Caller, fd: Int32, _: Int64, _: Int32, _: Int32) -> Int32 in
            (0...2).contains(fd) && !self.closed.contains(fd) ? Errno.spipe.rawValue : Errno.badf.rawValue
        }
        // No directories are pre-opened yet: the first descriptor past stdio is not one.
        linker.define(module, "fd_prestat_get") { (_: Caller, _: Int32, _: Int32) -> Int32 in Errno.badf.rawValue }
        linker.define(module, "fd_prestat_dir_name") { (_: Caller, _: Int32, _: Int32, _: Int32) -> Int32 in
            Errno.badf.rawValue
        }
    }

    /// Rights bits of preview 1: `fd_read`, `fd_write`, `poll_fd_readwrite`.
    static let rightRead: UInt64 = 1 << 1
    static let rightWrite: UInt64 = 1 << 6
    static let rightPoll: UInt64 = 1 << 27

    /// Writes `bytes` to standard output (`fd` 1) or error (2), which the caller checked.
    func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(WASIError) {
        switch fd == 1 ? configuration.standardOutput : configuration.standardError {
        case .discard: break
        case .buffer(let buffer): buffer.append(bytes)
        case .inherit:
            var done = 0
            while done < bytes.count {
                let count = hostWrite(fd, bytes.baseAddress! + done, bytes.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw WASIError(.io)
                }
                done += count
            }
        }
    }

    /// Reads standard input into `buffer`; returns how many bytes came (0 at end of file).
    func readInput(into buffer: UnsafeMutableRawBufferPointer) throws(WASIError) -> Int {
        switch configuration.standardInput {
        case .bytes(let bytes):
            let end = min(bytes.count, inputOffset + buffer.count)
            buffer.copyBytes(from: bytes[inputOffset..<end])
            defer { inputOffset = end }
            return end - inputOffset
        case .inherit:
            guard buffer.count > 0 else { return 0 }
            while true {
                let count = hostRead(0, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno != EINTR { throw WASIError(.io) }
            }
        }
    }
}

/// The C library's `write` and `read` (inside `WASI` the names are its own methods').
private func hostWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }
private func hostRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, bytes, count) }
