#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// The `path_*` calls: every path is resolved beneath its directory descriptor by
/// `resolve` (PathResolution.swift), and the host call acts on the last component without
/// following links.
extension WASI {
    func definePaths(in linker: inout Linker) {
        let module = WASI.moduleName
        linker.define(module, "path_open") { (caller: Caller, fd: Int32, lookup: Int32, path: Int32, pathLength: Int32, openFlags: Int32,
                                              base: Int64, inheriting: Int64, fdFlags: Int32, opened: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let request = OpenRequest(lookup: lookup, openFlags: openFlags, base: base, inheriting: inheriting, fdFlags: fdFlags)
                let path = try Self.path(caller, path, pathLength)
                let descriptor = try self.open(path, beneath: try self.descriptors.get(fd), request)
                let number = try self.descriptors.insert(descriptor)
                try GuestMemory(caller).storeU32(UInt32(number), at: opened)
            }
        }
        linker.define(module, "path_create_directory") { (caller: Caller, fd: Int32, path: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, fd, path, length, .pathCreateDirectory) { target throws(WASIError) in
                    guard mkdirat(target.directory, target.name, 0o777) == 0 else { throw WASIError.host }
                }
            }
        }
        linker.define(module, "path_remove_directory") { (caller: Caller, fd: Int32, path: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, fd, path, length, .pathRemoveDirectory) { target throws(WASIError) in
                    guard unlinkat(target.directory, target.name, AT_REMOVEDIR) == 0 else { throw WASIError.host }
                }
            }
        }
        linker.define(module, "path_unlink_file") { (caller: Caller, fd: Int32, path: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, fd, path, length, .pathUnlinkFile) { target throws(WASIError) in
                    if target.mustBeDirectory {
                        // `file/` names no file; `dir/` names a directory, which this does not remove.
                        throw WASIError(try Self.type(of: target) == .directory ? .isdir : .notdir)
                    }
                    guard unlinkat(target.directory, target.name, 0) == 0 else { throw WASIError.host }
                }
            }
        }
        linker.define(module, "path_filestat_get") { (caller: Caller, fd: Int32, lookup: Int32, path: Int32, length: Int32, result: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, fd, path, length, .pathFilestatGet, follow: lookup & 1 != 0) { target throws(WASIError) in
                    let status = try Self.status(of: target)
                    try FileStat(status).store(in: GuestMemory(caller), at: result)
                }
            }
        }
        linker.define(module, "path_filestat_set_times") { (caller: Caller, fd: Int32, lookup: Int32, path: Int32, length: Int32,
                                                            access: Int64, modification: Int64, flags: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let times = try Self.times(access, modification, flags)
                try self.at(caller, fd, path, length, .pathFilestatSetTimes, follow: lookup & 1 != 0) { target throws(WASIError) in
                    if target.mustBeDirectory { _ = try Self.status(of: target) }
                    guard utimensat(target.directory, target.name, times, AT_SYMLINK_NOFOLLOW) == 0 else { throw WASIError.host }
                }
            }
        }
        linker.define(module, "path_readlink") { (caller: Caller, fd: Int32, path: Int32, length: Int32, buffer: Int32, capacity: Int32, used: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, fd, path, length, .pathReadlink) { target throws(WASIError) in
                    guard let link = Self.readLink(target.name, in: target.directory) else { throw WASIError.host }
                    let bytes = Array(link.utf8.prefix(Int(UInt32(bitPattern: capacity))))
                    let memory = try GuestMemory(caller)
                    try memory.write(bytes, at: buffer)
                    try memory.storeU32(UInt32(bytes.count), at: used)
                }
            }
        }
        linker.define(module, "path_symlink") { (caller: Caller, old: Int32, oldLength: Int32, fd: Int32, path: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                // The target is stored as the guest wrote it (resolving it later keeps it
                // inside), except that an absolute one could never be followed.
                let target = try Self.path(caller, old, oldLength)
                guard !target.utf8.contains(0) else { throw WASIError(.inval) }
                guard !target.hasPrefix("/") else { throw WASIError(.perm) }
                try self.at(caller, fd, path, length, .pathSymlink) { link throws(WASIError) in
                    if link.mustBeDirectory {
                        // A link is never a directory: an existing name is `exist`, a new one `noent`.
                        throw WASIError(Self.exists(link) ? .exist : .noent)
                    }
                    guard symlinkat(target, link.directory, link.name) == 0 else { throw WASIError.host }
                }
            }
        }
        linker.define(module, "path_link") { (caller: Caller, oldFD: Int32, lookup: Int32, old: Int32, oldLength: Int32,
                                              newFD: Int32, new: Int32, newLength: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, oldFD, old, oldLength, .pathLinkSource, follow: lookup & 1 != 0) { source throws(WASIError) in
                    try self.at(caller, newFD, new, newLength, .pathLinkTarget) { target throws(WASIError) in
                        if source.mustBeDirectory || target.mustBeDirectory {
                            // Hard links to directories do not exist; `link/` names one.
                            if try Self.type(of: source) == .directory { throw WASIError(.perm) }
                            if source.mustBeDirectory { throw WASIError(.notdir) }
                            throw WASIError(Self.exists(target) ? .exist : .noent)
                        }
                        guard linkat(source.directory, source.name, target.directory, target.name, 0) == 0 else { throw WASIError.host }
                    }
                }
            }
        }
        linker.define(module, "path_rename") { (caller: Caller, oldFD: Int32, old: Int32, oldLength: Int32,
                                                newFD: Int32, new: Int32, newLength: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                try self.at(caller, oldFD, old, oldLength, .pathRenameSource) { source throws(WASIError) in
                    try self.at(caller, newFD, new, newLength, .pathRenameTarget) { target throws(WASIError) in
                        if source.mustBeDirectory || target.mustBeDirectory, try Self.type(of: source) != .directory {
                            throw WASIError(.notdir)
                        }
                        guard renameat(source.directory, source.name, target.directory, target.name) == 0 else { throw WASIError.host }
                    }
                }
            }
        }
    }

    /// Resolves the guest path at `path` beneath directory descriptor `fd`, which must have
    /// the rights `needed`, and runs `body` on where it leads.
    func at<R>(_ caller: Caller, _ fd: Int32, _ path: Int32, _ length: Int32, _ needed: Rights, follow: Bool = false,
               _ body: (ResolvedPath) throws(WASIError) -> R) throws(WASIError) -> R {
        let directory = try descriptors.get(fd).directory(needed)
        return try Self.resolve(try Self.path(caller, path, length), beneath: directory, followLast: follow, body)
    }

    /// The guest's path string at `pointer`: `ilseq` unless it is UTF-8.
    static func path(_ caller: Caller, _ pointer: Int32, _ length: Int32) throws(WASIError) -> String {
        try GuestMemory(caller).withBytes(at: pointer, count: Int(UInt32(bitPattern: length))) { bytes throws(WASIError) in
            guard let text = String(validating: bytes, as: UTF8.self) else { throw WASIError(.ilseq) }
            return text
        }
    }

    /// `lstat` of a resolved path; `notdir` when it must be a directory and is not.
    static func status(of target: ResolvedPath) throws(WASIError) -> stat {
        var status = stat()
        guard fstatat(target.directory, target.name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { throw WASIError.host }
        if target.mustBeDirectory && FileType(mode: status.st_mode) != .directory { throw WASIError(.notdir) }
        return status
    }

    static func type(of target: ResolvedPath) throws(WASIError) -> FileType {
        var status = stat()
        guard fstatat(target.directory, target.name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { throw WASIError.host }
        return FileType(mode: status.st_mode)
    }

    static func exists(_ target: ResolvedPath) -> Bool {
        var status = stat()
        return fstatat(target.directory, target.name, &status, AT_SYMLINK_NOFOLLOW) == 0
    }
}
