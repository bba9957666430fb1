#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The descriptors a guest starts with: its standard streams and its pre-opened directories.
extension WASI {
    static func standardInput(_ input: WASIInput) throws(WASISetupError) -> Descriptor {
        switch input {
        case .inherit: return stream(.host(0, owned: false), reads: true)
        case .bytes(let bytes): return stream(.input(InputSource(bytes: bytes)), reads: true)
        case .reader(let reader): return stream(.input(InputSource(reader: reader)), reads: true)
        case .file(let path):
            return stream(.host(try openHostFile(path, O_RDONLY, purpose: "standard input"), owned: true), reads: true)
        }
    }

    static func standardOutput(_ output: WASIOutput, fd: Int32) throws(WASISetupError) -> Descriptor {
        switch output {
        case .inherit: return stream(.host(fd, owned: false), reads: false)
        case .buffer, .writer, .discard: return stream(.output(output), reads: false)
        case .file(let path):
            let purpose = fd == 1 ? "standard output" : "standard error"
            return stream(.host(try openHostFile(path, O_WRONLY | O_CREAT | O_TRUNC, purpose: purpose), owned: true), reads: false)
        }
    }

    static func preopen(_ directory: PreopenedDirectory) throws(WASISetupError) -> Descriptor {
        let fd = openat(AT_FDCWD, directory.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOTDIR ? "it is not a directory" : String(cString: strerror(errno))
            throw WASISetupError("cannot pre-open \(directory.hostPath) for the guest: \(reason)")
        }
        return Descriptor(backing: .host(fd, owned: true), type: .directory, rights: .directory,
                          inheritingRights: Rights.directory.union(.file), preopenPath: directory.guestPath,
                          isReadOnly: directory.isReadOnly)
    }

    /// A standard stream that reads or writes. Its type is what wasmtime reports: a terminal
    /// is a character device, a file the shell redirected a regular file (which can seek), and
    /// anything else — a pipe, /dev/null, the embedder's bytes — unknown, so that a guest's
    /// `isatty` is true only for a terminal. It may never change the host descriptor's flags,
    /// which the process shares.
    private static func stream(_ backing: Descriptor.Backing, reads: Bool) -> Descriptor {
        var type = FileType.unknown
        if case .host(let fd, _) = backing {
            var status = stat()
            if isatty(fd) == 1 {
                type = .characterDevice
            } else if fstat(fd, &status) == 0, FileType(mode: status.st_mode) == .regularFile {
                type = .regularFile
            }
        }
        var rights: Rights = [.fdFilestatGet, .pollFdReadwrite, reads ? .fdRead : .fdWrite]
        if type == .regularFile { rights.formUnion([.fdSeek, .fdTell]) }
        return Descriptor(backing: backing, type: type, rights: rights)
    }

    private static func openHostFile(_ path: String, _ flags: Int32, purpose: String) throws(WASISetupError) -> Int32 {
        let fd = openat(AT_FDCWD, path, flags | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw WASISetupError("cannot open \(path) as the guest's \(purpose): \(String(cString: strerror(errno)))")
        }
        return fd
    }
}
