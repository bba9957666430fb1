#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The arguments of `path_open` besides the directory and the path.
struct OpenRequest {
    var followLinks: Bool
    var openFlags: OpenFlags
    var rights: Rights
    var inheritingRights: Rights
    var flags: FDFlags

    init(lookup: Int32, openFlags: Int32, base: Int64, inheriting: Int64, fdFlags: Int32) {
        followLinks = lookup & 1 != 0
        self.openFlags = OpenFlags(rawValue: UInt16(truncatingIfNeeded: openFlags))
        rights = Rights(rawValue: UInt64(bitPattern: base))
        inheritingRights = Rights(rawValue: UInt64(bitPattern: inheriting))
        flags = FDFlags(rawValue: UInt16(truncatingIfNeeded: fdFlags))
    }

    /// Whether the file is opened for writing: asked for by `fd_write` or by appending, or by
    /// resizing rights alone. Resizing rights next to `fd_read` do not make a read-only open a
    /// writing one: Go's `os.Open` asks for every right but the writing ones it knows
    /// (`fd_filestat_set_size` stays), and must work in a read-only directory.
    var writes: Bool {
        if rights.contains(.fdWrite) || flags.contains(.append) { return true }
        return !rights.isDisjoint(with: [.fdAllocate, .fdFilestatSetSize]) && !rights.contains(.fdRead)
    }
    /// Whether it is opened for reading: asked for, or when nothing else is.
    var reads: Bool { !rights.isDisjoint(with: [.fdRead, .fdReaddir]) || !writes }
}

extension WASI {
    /// `path_open`: opens `path` beneath `directory` as `request` asks. The new descriptor's
    /// rights are those asked for that `directory` may pass on, and that suit what was opened.
    func open(_ path: String, beneath directory: Descriptor, _ request: OpenRequest) throws(WASIError) -> Descriptor {
        var needed: Rights = .pathOpen
        if request.openFlags.contains(.create) { needed.insert(.pathCreateFile) }
        if request.openFlags.contains(.truncate) { needed.insert(.pathFilestatSetSize) }
        let parent = try directory.directory(needed)
        let rights = request.rights.intersection(directory.inheritingRights)
        if directory.isReadOnly && request.writes { throw WASIError(.perm) }
        // A directory is never opened for writing.
        if request.openFlags.contains(.directory) && request.writes { throw WASIError(.isdir) }

        var hostFlags = O_CLOEXEC | O_NOCTTY | O_NOFOLLOW
        hostFlags |= request.reads && request.writes ? O_RDWR : request.writes ? O_WRONLY : O_RDONLY
        if request.openFlags.contains(.create) { hostFlags |= O_CREAT }
        if request.openFlags.contains(.exclusive) { hostFlags |= O_EXCL }
        if request.openFlags.contains(.truncate) { hostFlags |= O_TRUNC }
        if request.openFlags.contains(.directory) { hostFlags |= O_DIRECTORY }
        if request.flags.contains(.append) { hostFlags |= O_APPEND }
        if request.flags.contains(.nonblock) { hostFlags |= O_NONBLOCK }
        if request.flags.contains(.sync) || request.flags.contains(.rsync) { hostFlags |= O_SYNC }
        if request.flags.contains(.dsync) { hostFlags |= O_DSYNC }

        return try Self.resolve(path, beneath: parent, followLast: request.followLinks) { target throws(WASIError) in
            if target.mustBeDirectory { hostFlags |= O_DIRECTORY }
            let fd = openat(target.directory, target.name, hostFlags, 0o666)
            guard fd >= 0 else { throw WASIError.host }
            var status = stat()
            guard fstat(fd, &status) == 0 else {
                let error = WASIError.host
                close(fd)
                throw error
            }
            let type = FileType(mode: status.st_mode)
            let suited: Rights = type == .directory ? .directory : .file
            return Descriptor(backing: .host(fd, owned: true), type: type, rights: rights.intersection(suited),
                              inheritingRights: request.inheritingRights.intersection(directory.inheritingRights),
                              flags: request.flags, isReadOnly: directory.isReadOnly)
        }
    }
}
