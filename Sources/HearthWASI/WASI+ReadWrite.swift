#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// Reading, writing and seeking: `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek`,
/// `fd_tell`. Bytes go straight between guest memory and the host; nothing is copied.
extension WASI {
    func defineFiles(in linker: inout Linker) {
        let module = WASI.moduleName
        linker.define(module, "fd_write") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, written: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdWrite, otherwise: .badf)
                try Self.transfer(caller, iovs, count, result: written) { bytes throws(WASIError) in
                    try Self.write(UnsafeRawBufferPointer(bytes), to: descriptor, at: nil)
                }
            }
        }
        linker.define(module, "fd_pwrite") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, offset: Int64, written: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdWrite, otherwise: .badf)
                guard offset >= 0 else { throw WASIError(.inval) }
                var position = offset
                try Self.transfer(caller, iovs, count, result: written) { bytes throws(WASIError) in
                    let count = try Self.write(UnsafeRawBufferPointer(bytes), to: descriptor, at: position)
                    position += Int64(count)
                    return count
                }
            }
        }
        linker.define(module, "fd_read") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, read: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdRead, otherwise: .badf)
                try Self.transfer(caller, iovs, count, result: read) { bytes throws(WASIError) in
                    try Self.read(into: bytes, from: descriptor, at: nil)
                }
            }
        }
        linker.define(module, "fd_pread") { (caller: Caller, fd: Int32, iovs: Int32, count: Int32, offset: Int64, read: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdRead, otherwise: .badf)
                guard offset >= 0 else { throw WASIError(.inval) }
                var position = offset
                try Self.transfer(caller, iovs, count, result: read) { bytes throws(WASIError) in
                    let count = try Self.read(into: bytes, from: descriptor, at: position)
                    position += Int64(count)
                    return count
                }
            }
        }
        linker.define(module, "fd_seek") { (caller: Caller, fd: Int32, offset: Int64, whence: Int32, result: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try Self.seekable(self.descriptors.get(fd))
                try descriptor.require(offset == 0 && whence == 1 ? .fdTell : .fdSeek)
                let hostWhence: Int32
                switch whence {
                case 0: hostWhence = SEEK_SET
                case 1: hostWhence = SEEK_CUR
                case 2: hostWhence = SEEK_END
                default: throw WASIError(.inval)
                }
                let position = try Self.seek(descriptor, offset, hostWhence)
                try GuestMemory(caller).storeU64(UInt64(position), at: result)
            }
        }
        linker.define(module, "fd_tell") { (caller: Caller, fd: Int32, result: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try Self.seekable(self.descriptors.get(fd))
                try descriptor.require(.fdTell)
                try GuestMemory(caller).storeU64(UInt64(try Self.seek(descriptor, 0, SEEK_CUR)), at: result)
            }
        }
    }

    /// Runs `transfer` on each buffer of an iovec array in turn, stopping after a short one,
    /// and stores the total at `result`.
    static func transfer(_ caller: Caller, _ iovs: Int32, _ count: Int32, result: Int32,
                         _ transfer: (UnsafeMutableRawBufferPointer) throws(WASIError) -> Int) throws(WASIError) {
        let memory = try GuestMemory(caller)
        guard count >= 0 else { throw WASIError(.inval) }
        var total = 0
        for index in 0..<Int(count) {
            let buffer = try memory.buffer(index, of: iovs)
            let done = try memory.withMutableBytes(at: buffer.pointer, count: buffer.length, transfer)
            total += done
            if done < buffer.length { break }
        }
        try memory.storeU32(UInt32(truncatingIfNeeded: total), at: result)
    }

    /// Writes all of `bytes` to `descriptor` (at `offset` if given, else where it stands).
    @discardableResult
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Descriptor, at offset: Int64?) throws(WASIError) -> Int {
        switch descriptor.backing {
        case .output(let output):
            guard offset == nil else { throw WASIError(.spipe) }
            switch output {
            case .buffer(let buffer): buffer.append(bytes)
            case .writer(let writer): writer(bytes)
            case .discard, .inherit, .file: break
            }
        case .input: throw WASIError(.badf)
        case .host(let fd, _):
            guard descriptor.type != .directory else { throw WASIError(.isdir) }
            var done = 0
            while done < bytes.count {
                let base = bytes.baseAddress! + done
                let count = if let offset { pwrite(fd, base, bytes.count - done, off_t(offset) + off_t(done)) }
                    else { hostWrite(fd, base, bytes.count - done) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw WASIError.host
                }
                done += count
            }
        }
        return bytes.count
    }

    /// Reads into `buffer` from `descriptor` (at `offset` if given); returns how many bytes
    /// came, 0 at end of file.
    static func read(into buffer: UnsafeMutableRawBufferPointer, from descriptor: Descriptor, at offset: Int64?) throws(WASIError) -> Int {
        switch descriptor.backing {
        case .input(let source):
            guard offset == nil else { throw WASIError(.spipe) }
            return source.read(into: buffer)
        case .output: throw WASIError(.badf)
        case .host(let fd, _):
            guard descriptor.type != .directory else { throw WASIError(.isdir) }
            guard buffer.count > 0 else { return 0 }
            while true {
                let count = if let offset { pread(fd, buffer.baseAddress, buffer.count, off_t(offset)) }
                    else { hostRead(fd, buffer.baseAddress, buffer.count) }
                if count >= 0 { return count }
                if errno != EINTR { throw WASIError.host }
            }
        }
    }

    /// `descriptor`, unless it is a stream (a pipe, a terminal, the embedder's): `spipe`.
    static func seekable(_ descriptor: Descriptor) throws(WASIError) -> Descriptor {
        guard descriptor.hostFD != nil, descriptor.type == .regularFile || descriptor.type == .directory
                || descriptor.type == .blockDevice else { throw WASIError(.spipe) }
        return descriptor
    }

    /// `lseek` on a host file; a stream the embedder supplies cannot seek.
    static func seek(_ descriptor: Descriptor, _ offset: Int64, _ whence: Int32) throws(WASIError) -> Int64 {
        guard let fd = descriptor.hostFD else { throw WASIError(.spipe) }
        let position = lseek(fd, off_t(offset), whence)
        guard position >= 0 else { throw WASIError.host }
        return Int64(position)
    }
}

/// The C library's `write` and `read` (inside `WASI` the names are its own methods').
private func hostWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }
private func hostRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, bytes, count) }
