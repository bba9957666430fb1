#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// Calls on a descriptor itself: close, renumber, its stat and flags, pre-open names,
/// sizes and times, advice, allocation and sync.
extension WASI {
    func defineDescriptors(in linker: inout Linker) {
        let module = WASI.moduleName
        linker.define(module, "fd_close") { (_: Caller, fd: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try self.descriptors.remove(fd) }
        }
        linker.define(module, "fd_renumber") { (_: Caller, from: Int32, to: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try self.descriptors.renumber(from, to: to) }
        }
        linker.define(module, "fd_fdstat_get") { (caller: Caller, fd: Int32, stat: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                // fdstat: filetype u8 at 0, flags u16 at 2, rights at 8, inheriting rights at 16.
                let memory = try GuestMemory(caller)
                try memory.withMutableBytes(at: stat, count: 24) { bytes in
                    bytes.initializeMemory(as: UInt8.self, repeating: 0)
                    bytes.storeBytes(of: descriptor.type.rawValue, toByteOffset: 0, as: UInt8.self)
                    bytes.storeBytes(of: descriptor.flags.rawValue.littleEndian, toByteOffset: 2, as: UInt16.self)
                    bytes.storeBytes(of: descriptor.rights.rawValue.littleEndian, toByteOffset: 8, as: UInt64.self)
                    bytes.storeBytes(of: descriptor.inheritingRights.rawValue.littleEndian, toByteOffset: 16, as: UInt64.self)
                }
            }
        }
        linker.define(module, "fd_fdstat_set_flags") { (_: Caller, fd: Int32, flags: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdFdstatSetFlags)
                let wanted = FDFlags(rawValue: UInt16(truncatingIfNeeded: flags))
                // Only append and non-blocking can change after opening, as on Linux.
                guard wanted.subtracting([.append, .nonblock]) == descriptor.flags.subtracting([.append, .nonblock]) else {
                    throw WASIError(.notsup)
                }
                if wanted.contains(.append) && descriptor.isReadOnly { throw WASIError(.perm) }
                if let fd = descriptor.hostFD {
                    var hostFlags = fcntl(fd, F_GETFL)
                    guard hostFlags >= 0 else { throw WASIError.host }
                    hostFlags &= ~(O_APPEND | O_NONBLOCK)
                    if wanted.contains(.append) { hostFlags |= O_APPEND }
                    if wanted.contains(.nonblock) { hostFlags |= O_NONBLOCK }
                    guard fcntl(fd, F_SETFL, hostFlags) == 0 else { throw WASIError.host }
                }
                descriptor.flags = wanted
            }
        }
        linker.define(module, "fd_fdstat_set_rights") { (_: Caller, fd: Int32, base: Int64, inheriting: Int64) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                let rights = Rights(rawValue: UInt64(bitPattern: base))
                let inheritingRights = Rights(rawValue: UInt64(bitPattern: inheriting))
                // Rights can be dropped, never gained.
                guard descriptor.rights.isSuperset(of: rights), descriptor.inheritingRights.isSuperset(of: inheritingRights) else {
                    throw WASIError(.notcapable)
                }
                descriptor.rights = rights
                descriptor.inheritingRights = inheritingRights
            }
        }
        linker.define(module, "fd_prestat_get") { (caller: Caller, fd: Int32, prestat: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard let path = try self.descriptors.get(fd).preopenPath else { throw WASIError(.badf) }
                // prestat: tag u8 at 0 (0, a directory), name length u32 at 4.
                let memory = try GuestMemory(caller)
                try memory.storeU32(0, at: prestat)
                try memory.storeU32(UInt32(path.utf8.count), at: prestat &+ 4)
            }
        }
        linker.define(module, "fd_prestat_dir_name") { (caller: Caller, fd: Int32, buffer: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard let path = try self.descriptors.get(fd).preopenPath else { throw WASIError(.badf) }
                guard Int(UInt32(bitPattern: length)) >= path.utf8.count else { throw WASIError(.nametoolong) }
                try GuestMemory(caller).write(path.utf8, at: buffer)
            }
        }
        linker.define(module, "fd_filestat_get") { (caller: Caller, fd: Int32, result: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdFilestatGet)
                guard let host = descriptor.hostFD else {
                    return try FileStat(streamOfType: descriptor.type).store(in: GuestMemory(caller), at: result)
                }
                var status = stat()
                guard fstat(host, &status) == 0 else { throw WASIError.host }
                try FileStat(status).store(in: GuestMemory(caller), at: result)
            }
        }
        linker.define(module, "fd_filestat_set_size") { (_: Caller, fd: Int32, size: Int64) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let host = try self.hostFile(fd, .fdFilestatSetSize)
                guard size >= 0 else { throw WASIError(.inval) }
                guard ftruncate(host, off_t(size)) == 0 else { throw WASIError.host }
            }
        }
        linker.define(module, "fd_filestat_set_times") { (_: Caller, fd: Int32, access: Int64, modification: Int64, flags: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdFilestatSetTimes)
                let times = try Self.times(access, modification, flags)
                guard let host = descriptor.hostFD else { return }
                guard futimens(host, times) == 0 else { throw WASIError.host }
            }
        }
        linker.define(module, "fd_advise") { (_: Caller, fd: Int32, offset: Int64, length: Int64, advice: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let host = try self.hostFile(fd, .fdAdvise)
                guard (0...5).contains(advice), offset >= 0, length >= 0 else { throw WASIError(.inval) }
                #if os(Linux)
                // The witx order: normal, sequential, random, willneed, dontneed, noreuse.
                let hostAdvice = [POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                  POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE][Int(advice)]
                let failure = posix_fadvise(host, off_t(offset), off_t(length), hostAdvice)
                guard failure == 0 else { throw WASIError(Errno(host: failure)) }
                #endif
            }
        }
        linker.define(module, "fd_allocate") { (_: Caller, fd: Int32, offset: Int64, length: Int64) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let host = try self.hostFile(fd, .fdAllocate)
                guard offset >= 0, length > 0 else { throw WASIError(.inval) }
                #if os(Linux)
                let failure = posix_fallocate(host, off_t(offset), off_t(length))
                guard failure == 0 else { throw WASIError(Errno(host: failure)) }
                #else
                throw WASIError(.notsup)
                #endif
            }
        }
        linker.define(module, "fd_sync") { (_: Caller, fd: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdSync)
                if let host = descriptor.hostFD, fsync(host) != 0, errno != EINVAL { throw WASIError.host }
            }
        }
        linker.define(module, "fd_datasync") { (_: Caller, fd: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let descriptor = try self.descriptors.get(fd)
                try descriptor.require(.fdDatasync)
                #if os(Linux)
                if let host = descriptor.hostFD, fdatasync(host) != 0, errno != EINVAL { throw WASIError.host }
                #else
                if let host = descriptor.hostFD, fsync(host) != 0, errno != EINVAL { throw WASIError.host }
                #endif
            }
        }
    }

    /// The host descriptor of a regular file with the right `needed`; `badf` for a stream,
    /// `isdir` for a directory.
    func hostFile(_ fd: Int32, _ needed: Rights) throws(WASIError) -> Int32 {
        let descriptor = try descriptors.get(fd)
        guard descriptor.type != .directory else { throw WASIError(.isdir) }
        try descriptor.require(needed)
        guard let host = descriptor.hostFD else { throw WASIError(.badf) }
        return host
    }

    /// The `timespec` pair of `futimens`/`utimensat` for preview 1 times and `fstflags`:
    /// each time given, now, or left alone; `inval` for a time both given and now.
    static func times(_ access: Int64, _ modification: Int64, _ rawFlags: Int32) throws(WASIError) -> [timespec] {
        guard (0..<16).contains(rawFlags) else { throw WASIError(.inval) }
        let flags = TimeFlags(rawValue: UInt16(rawFlags))
        guard !flags.isSuperset(of: [.accessTime, .accessTimeNow]),
              !flags.isSuperset(of: [.modificationTime, .modificationTimeNow]) else { throw WASIError(.inval) }
        func time(_ nanoseconds: Int64, given: Bool, now: Bool) -> timespec {
            if now { return timespec(tv_sec: 0, tv_nsec: utimeNow) }
            if !given { return timespec(tv_sec: 0, tv_nsec: utimeOmit) }
            let value = UInt64(bitPattern: nanoseconds)
            return timespec(tv_sec: time_t(value / 1_000_000_000), tv_nsec: Int(value % 1_000_000_000))
        }
        return [time(access, given: flags.contains(.accessTime), now: flags.contains(.accessTimeNow)),
                time(modification, given: flags.contains(.modificationTime), now: flags.contains(.modificationTimeNow))]
    }
}

#if os(Linux)
/// `UTIME_NOW` and `UTIME_OMIT` (macros Swift does not import).
private let (utimeNow, utimeOmit) = ((1 << 30) - 1, (1 << 30) - 2)
#else
private let (utimeNow, utimeOmit) = (-1, -2)
#endif
