#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rights of a descriptor (preview 1 `rights`): which calls it allows.
struct Rights: OptionSet, Sendable {
    let rawValue: UInt64
    init(rawValue: UInt64) { self.rawValue = rawValue }
    private init(bit: Int) { rawValue = 1 << bit }

    static let fdDatasync = Rights(bit: 0)
    static let fdRead = Rights(bit: 1)
    static let fdSeek = Rights(bit: 2)
    static let fdFdstatSetFlags = Rights(bit: 3)
    static let fdSync = Rights(bit: 4)
    static let fdTell = Rights(bit: 5)
    static let fdWrite = Rights(bit: 6)
    static let fdAdvise = Rights(bit: 7)
    static let fdAllocate = Rights(bit: 8)
    static let pathCreateDirectory = Rights(bit: 9)
    static let pathCreateFile = Rights(bit: 10)
    static let pathLinkSource = Rights(bit: 11)
    static let pathLinkTarget = Rights(bit: 12)
    static let pathOpen = Rights(bit: 13)
    static let fdReaddir = Rights(bit: 14)
    static let pathReadlink = Rights(bit: 15)
    static let pathRenameSource = Rights(bit: 16)
    static let pathRenameTarget = Rights(bit: 17)
    static let pathFilestatGet = Rights(bit: 18)
    static let pathFilestatSetSize = Rights(bit: 19)
    static let pathFilestatSetTimes = Rights(bit: 20)
    static let fdFilestatGet = Rights(bit: 21)
    static let fdFilestatSetSize = Rights(bit: 22)
    static let fdFilestatSetTimes = Rights(bit: 23)
    static let pathSymlink = Rights(bit: 24)
    static let pathRemoveDirectory = Rights(bit: 25)
    static let pathUnlinkFile = Rights(bit: 26)
    static let pollFdReadwrite = Rights(bit: 27)
    static let sockShutdown = Rights(bit: 28)
    static let sockAccept = Rights(bit: 29)

    /// Everything a regular file's descriptor can do.
    static let file: Rights = [
        .fdDatasync, .fdRead, .fdSeek, .fdFdstatSetFlags, .fdSync, .fdTell, .fdWrite, .fdAdvise,
        .fdAllocate, .fdFilestatGet, .fdFilestatSetSize, .fdFilestatSetTimes, .pollFdReadwrite,
    ]
    /// Everything a directory's descriptor can do.
    static let directory: Rights = [
        .fdFdstatSetFlags, .fdSync, .fdAdvise, .pathCreateDirectory, .pathCreateFile,
        .pathLinkSource, .pathLinkTarget, .pathOpen, .fdReaddir, .pathReadlink, .pathRenameSource,
        .pathRenameTarget, .pathFilestatGet, .pathFilestatSetSize, .pathFilestatSetTimes,
        .fdFilestatGet, .fdFilestatSetTimes, .pathSymlink, .pathRemoveDirectory, .pathUnlinkFile,
    ]
    /// The rights that change something: none of them is given beneath a read-only pre-open.
    static let mutating: Rights = [
        .fdDatasync, .fdWrite, .fdAllocate, .pathCreateDirectory, .pathCreateFile, .pathLinkSource,
        .pathLinkTarget, .pathRenameSource, .pathRenameTarget, .pathFilestatSetSize,
        .pathFilestatSetTimes, .fdFilestatSetSize, .fdFilestatSetTimes, .pathSymlink,
        .pathRemoveDirectory, .pathUnlinkFile,
    ]
}

/// Preview 1 `filetype`.
enum FileType: UInt8 {
    case unknown, blockDevice, characterDevice, directory, regularFile, socketDatagram, socketStream
    case symbolicLink

    /// The file type of a host `st_mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFBLK: self = .blockDevice
        case S_IFCHR: self = .characterDevice
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regularFile
        case S_IFSOCK: self = .socketStream
        case S_IFLNK: self = .symbolicLink
        default: self = .unknown
        }
    }

    /// The file type of a `dirent`'s `d_type`, which is the `st_mode` type bits shifted
    /// down by 12 (`DTTOIF`, on Linux and the BSDs alike).
    init(directoryEntryType type: UInt8) {
        self.init(mode: mode_t(type) << 12)
    }
}

/// Preview 1 `fdflags`.
struct FDFlags: OptionSet {
    let rawValue: UInt16
    static let append = FDFlags(rawValue: 1)
    static let dsync = FDFlags(rawValue: 2)
    static let nonblock = FDFlags(rawValue: 4)
    static let rsync = FDFlags(rawValue: 8)
    static let sync = FDFlags(rawValue: 16)
}

/// Preview 1 `oflags` (`path_open`).
struct OpenFlags: OptionSet {
    let rawValue: UInt16
    static let create = OpenFlags(rawValue: 1)
    static let directory = OpenFlags(rawValue: 2)
    static let exclusive = OpenFlags(rawValue: 4)
    static let truncate = OpenFlags(rawValue: 8)
}

/// Preview 1 `fstflags` (`*_filestat_set_times`).
struct TimeFlags: OptionSet {
    let rawValue: UInt16
    static let accessTime = TimeFlags(rawValue: 1)
    static let accessTimeNow = TimeFlags(rawValue: 2)
    static let modificationTime = TimeFlags(rawValue: 4)
    static let modificationTimeNow = TimeFlags(rawValue: 8)
}

/// A preview 1 `filestat`, written into guest memory as its 64 bytes.
struct FileStat {
    var device: UInt64
    var inode: UInt64
    var type: FileType
    var linkCount: UInt64
    var size: UInt64
    var accessTime: UInt64
    var modificationTime: UInt64
    var changeTime: UInt64

    init(_ stat: stat) {
        device = UInt64(truncatingIfNeeded: stat.st_dev)
        inode = UInt64(truncatingIfNeeded: stat.st_ino)
        type = FileType(mode: stat.st_mode)
        linkCount = UInt64(truncatingIfNeeded: stat.st_nlink)
        size = UInt64(truncatingIfNeeded: stat.st_size)
        #if canImport(Darwin)
        accessTime = WASI.nanoseconds(stat.st_atimespec)
        modificationTime = WASI.nanoseconds(stat.st_mtimespec)
        changeTime = WASI.nanoseconds(stat.st_ctimespec)
        #else
        accessTime = WASI.nanoseconds(stat.st_atim)
        modificationTime = WASI.nanoseconds(stat.st_mtim)
        changeTime = WASI.nanoseconds(stat.st_ctim)
        #endif
    }

    /// A stream's stat: a character device with nothing else known.
    init(streamOfType type: FileType) {
        (device, inode, self.type, linkCount, size) = (0, 0, type, 0, 0)
        (accessTime, modificationTime, changeTime) = (0, 0, 0)
    }

    func store(in memory: GuestMemory, at pointer: Int32) throws(WASIError) {
        try memory.withMutableBytes(at: pointer, count: 64) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            bytes.storeBytes(of: device.littleEndian, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: inode.littleEndian, toByteOffset: 8, as: UInt64.self)
            bytes.storeBytes(of: type.rawValue, toByteOffset: 16, as: UInt8.self)
            bytes.storeBytes(of: linkCount.littleEndian, toByteOffset: 24, as: UInt64.self)
            bytes.storeBytes(of: size.littleEndian, toByteOffset: 32, as: UInt64.self)
            bytes.storeBytes(of: accessTime.littleEndian, toByteOffset: 40, as: UInt64.self)
            bytes.storeBytes(of: modificationTime.littleEndian, toByteOffset: 48, as: UInt64.self)
            bytes.storeBytes(of: changeTime.littleEndian, toByteOffset: 56, as: UInt64.self)
        }
    }
}
