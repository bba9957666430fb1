#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a guest path leads: the host directory holding its last component, and that
/// component.
struct ResolvedPath {
    /// A host descriptor of the directory that holds `name` (valid only inside the
    /// `resolve` body that receives it).
    let directory: Int32
    /// One path component, never a symbolic link that `resolve` was to follow, or `.` for
    /// `directory` itself.
    let name: String
    /// The path ended in `/`: it names a directory.
    let mustBeDirectory: Bool
}

/// The sandbox: guest paths resolved beneath a directory descriptor, one component at a time.
///
/// Each directory on the way is opened with `openat(…, O_NOFOLLOW | O_DIRECTORY)` relative to
/// the one before, so a component swapped for a symbolic link between a check and its use
/// fails instead of leading elsewhere. `..` goes back to the directory opened before (never
/// above the starting one: that is `perm`, as wasmtime answers), absolute paths are `perm`, and
/// symbolic links are read with `readlinkat` and their targets resolved by the same rules
/// (at most 40 of them: `loop`). The last component is handed to `*at` calls that do not
/// follow links, so the kernel never resolves a guest path on its own.
extension WASI {
    /// The most symbolic links one path may pass through (Linux's limit).
    static let symbolicLinkLimit = 40

    /// Resolves `path` beneath `base` and runs `body` with where it leads. A symbolic link
    /// as the last component is followed when `followLast` is set (or the path ends in `/`).
    static func resolve<R>(_ path: String, beneath base: Int32, followLast: Bool,
                           _ body: (ResolvedPath) throws(WASIError) -> R) throws(WASIError) -> R {
        guard !path.isEmpty else { throw WASIError(.noent) }
        guard !path.utf8.contains(0) else { throw WASIError(.inval) }
        guard !path.hasPrefix("/") else { throw WASIError(.perm) }
        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }
        var pending = Array(path.split(separator: "/").reversed())
        var trailingSlash = path.hasSuffix("/")
        var links = 0

        while let component = pending.popLast() {
            let current = opened.last ?? base
            let isLast = pending.isEmpty
            switch component {
            case ".":
                if isLast { return try body(ResolvedPath(directory: current, name: ".", mustBeDirectory: true)) }
            case "..":
                guard let parent = opened.popLast() else { throw WASIError(.perm) }
                close(parent)
                if isLast {
                    return try body(ResolvedPath(directory: opened.last ?? base, name: ".", mustBeDirectory: true))
                }
            default:
                let name = String(component)
                if isLast && !followLast && !trailingSlash {
                    return try body(ResolvedPath(directory: current, name: name, mustBeDirectory: false))
                }
                if !isLast {
                    let fd = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if fd >= 0 {
                        opened.append(fd)
                        continue
                    }
                    let failure = errno
                    guard failure == ELOOP || failure == ENOTDIR || failure == EMLINK else { throw WASIError(Errno(host: failure)) }
                    guard let target = readLink(name, in: current) else { throw WASIError(Errno(host: failure)) }
                    try expand(target, into: &pending, links: &links)
                    continue
                }
                guard let target = readLink(name, in: current) else {
                    return try body(ResolvedPath(directory: current, name: name, mustBeDirectory: trailingSlash))
                }
                if target.hasSuffix("/") { trailingSlash = true }
                try expand(target, into: &pending, links: &links)
            }
        }
        // Only `.`s and `..`s that ended with the last one handled above; or a target of
        // only slashes, which is absolute.
        return try body(ResolvedPath(directory: opened.last ?? base, name: ".", mustBeDirectory: true))
    }

    /// Puts the components of a symbolic link's `target` before the ones still to resolve.
    private static func expand(_ target: String, into pending: inout [Substring], links: inout Int) throws(WASIError) {
        links += 1
        guard links <= symbolicLinkLimit else { throw WASIError(.loop) }
        guard !target.isEmpty else { throw WASIError(.noent) }
        guard !target.hasPrefix("/") else { throw WASIError(.perm) }
        pending.append(contentsOf: target.split(separator: "/").reversed())
    }

    /// The target of the symbolic link `name` in `directory`, or nil if `name` is not one.
    static func readLink(_ name: String, in directory: Int32) -> String? {
        var capacity = 256
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = readlinkat(directory, name, &buffer, capacity)
            guard count >= 0 else { return nil }
            if count < capacity { return String(decoding: buffer[..<count], as: UTF8.self) }
            capacity *= 2
        }
    }
}
