import Foundation
import Testing
import HearthWASI
import WasmBinary
import WasmEngine

/// A guest calling the WASI path functions directly (Fixtures/sandbox.wat), with paths the
/// test writes into its memory.
final class PathGuest {
    static let module: Module = try! Module(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sandbox.wasm"))))

    let instance: Instance
    let memory: Memory

    init(_ wasi: WASI) throws {
        var linker = Linker()
        wasi.define(in: &linker)
        instance = try linker.instantiate(Self.module, in: Store())
        memory = instance.memory(named: "memory")!
    }

    /// Calls the WASI function `name`; each `String` argument becomes a pointer and a length.
    func call(_ name: String, _ arguments: Any...) throws -> Errno {
        var values: [Value] = []
        var next = 1024
        for argument in arguments {
            switch argument {
            case let text as String:
                try memory.write(Array(text.utf8), at: next)
                values += [.i32(Int32(next)), .i32(Int32(text.utf8.count))]
                next += text.utf8.count + 16
            case let number as Int64: values.append(.i64(number))
            case let number as Int: values.append(.i32(Int32(number)))
            default: fatalError("unsupported argument \(argument)")
            }
        }
        guard case .i32(let errno) = try instance.function(named: Name(name))!.call(values).first else { fatalError() }
        return Errno(rawValue: errno)!
    }

    /// `path_open` beneath `fd`, to read (or also to write); its errno.
    func open(_ path: String, in fd: Int = 3, follow: Bool = true, create: Bool = false, write: Bool = false) throws -> Errno {
        let rights: Int64 = write ? 0x7f : 0x3f
        return try call("path_open", fd, follow ? 1 : 0, path, create ? 1 : 0, rights, Int64(0x3fff_ffff), 0, 512)
    }

    /// The descriptor the last successful `open` returned.
    var opened: Int { Int(Int32(littleEndian: try! memory.read(at: 512, count: 4).withUnsafeBytes { $0.loadUnaligned(as: Int32.self) })) }
}

/// A scratch folder with `inside/` (pre-opened) and `outside/` beside it, removed afterwards.
final class Scratch {
    let root: URL
    var inside: URL { root.appendingPathComponent("inside") }
    var outside: URL { root.appendingPathComponent("outside") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try Data("mine".utf8).write(to: inside.appendingPathComponent("mine.txt"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Every path below `outside/` and the size of each file: what an escape would change.
    func outsideState() -> [String: Int] {
        var state: [String: Int] = [:]
        for case let item as String in FileManager.default.enumerator(atPath: outside.path)! {
            let attributes = try? FileManager.default.attributesOfItem(atPath: outside.appendingPathComponent(item).path)
            state[item] = (attributes?[.size] as? Int) ?? -1
        }
        return state
    }

    func wasi(readOnly: Bool = false) throws -> WASI {
        try WASI(configuration: WASIConfiguration(preopenedDirectories: [
            PreopenedDirectory(hostPath: inside.path, guestPath: "/sandbox", readOnly: readOnly)]))
    }
}

@Suite struct SandboxTests {
    @Test func noPathLeadsOutOfThePreopen() throws {
        let scratch = try Scratch()
        let before = scratch.outsideState()
        // A link the host made inside, pointing out by an absolute path.
        try FileManager.default.createSymbolicLink(atPath: scratch.inside.appendingPathComponent("hostlink").path,
                                                   withDestinationPath: scratch.outside.path)
        let guest = try PathGuest(try scratch.wasi())
        let escape: Set<Errno> = [.notcapable, .perm]

        #expect(try guest.call("path_create_directory", 3, "d") == .success)
        for path in ["../outside/secret.txt", "/etc/passwd", "d/../../outside/secret.txt", "./../outside/secret.txt",
                     "hostlink/secret.txt", "hostlink"] {
            #expect(escape.contains(try guest.open(path)), "open \(path)")
        }
        // Links the guest makes itself, out by `..` and by an absolute path.
        #expect(try guest.call("path_symlink", "../outside", 3, "up") == .success)
        #expect(escape.contains(try guest.call("path_symlink", scratch.outside.path, 3, "absolute")), "never followed, so refused")
        try FileManager.default.createSymbolicLink(atPath: scratch.inside.appendingPathComponent("absolute").path,
                                                   withDestinationPath: scratch.outside.path)
        #expect(try guest.call("path_symlink", "../../outside/secret.txt", 3, "d/deep") == .success)
        for path in ["up/secret.txt", "up", "absolute/secret.txt", "d/deep"] {
            #expect(escape.contains(try guest.open(path)), "open \(path)")
            #expect(escape.contains(try guest.call("path_filestat_get", 3, 1, path, 2048)), "stat \(path)")
        }
        #expect(escape.contains(try guest.open("up/new.txt", create: true, write: true)))
        // Every call that writes, aimed outside.
        #expect(escape.contains(try guest.call("path_create_directory", 3, "../outside/made")))
        #expect(escape.contains(try guest.call("path_create_directory", 3, "up/made")))
        #expect(escape.contains(try guest.call("path_rename", 3, "mine.txt", 3, "../outside/mine.txt")))
        #expect(escape.contains(try guest.call("path_rename", 3, "mine.txt", 3, "up/mine.txt")))
        #expect(escape.contains(try guest.call("path_rename", 3, "up/secret.txt", 3, "stolen.txt")))
        #expect(escape.contains(try guest.call("path_link", 3, 0, "mine.txt", 3, "up/linked.txt")))
        #expect(escape.contains(try guest.call("path_link", 3, 0, "up/secret.txt", 3, "linked.txt")))
        #expect(escape.contains(try guest.call("path_unlink_file", 3, "up/secret.txt")))
        #expect(escape.contains(try guest.call("path_remove_directory", 3, "..")))
        #expect(escape.contains(try guest.call("path_symlink", "x", 3, "up/planted")))
        #expect(escape.contains(try guest.call("path_filestat_set_times", 3, 1, "up/secret.txt", Int64(0), Int64(0), 10)))
        #expect(scratch.outsideState() == before, "nothing outside changed")
        // The links themselves are still there to read and remove, as links.
        #expect(try guest.call("path_readlink", 3, "up", 2048, 64, 2100) == .success)
        #expect(try guest.memory.read(at: 2048, count: 10) == Array("../outside".utf8))
        #expect(try guest.call("path_unlink_file", 3, "up") == .success)
        #expect(FileManager.default.fileExists(atPath: scratch.outside.path))
    }

    @Test func linkLoopsAndBadPathsAreErrorsNotHangs() throws {
        let scratch = try Scratch()
        let guest = try PathGuest(try scratch.wasi())
        #expect(try guest.call("path_symlink", "loop", 3, "loop") == .success)
        #expect(try guest.call("path_symlink", "pong", 3, "ping") == .success)
        #expect(try guest.call("path_symlink", "ping", 3, "pong") == .success)
        #expect(try guest.open("loop") == .loop)
        #expect(try guest.open("ping/x") == .loop)
        #expect(try guest.open("loop", follow: false) == .loop, "O_NOFOLLOW on a link")
        #expect(try guest.open("mine.txt\0") == .inval)
        #expect(try guest.open("") == .noent)
        #expect(try guest.open("mine.txt/") == .notdir)
        #expect(try guest.open("missing") == .noent)
        // Inside, `..` and `.` are fine.
        #expect(try guest.call("path_create_directory", 3, "a") == .success)
        #expect(try guest.open("a/./../mine.txt") == .success)
        #expect(try guest.call("path_symlink", "a/../mine.txt", 3, "back") == .success)
        #expect(try guest.open("back") == .success)
    }

    @Test func readOnlyPreopensRefuseEveryChange() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.inside.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let guest = try PathGuest(try scratch.wasi(readOnly: true))
        #expect(try guest.open("mine.txt") == .success, "reading is allowed")
        #expect(try guest.open("mine.txt", write: true) == .perm)
        #expect(try guest.open("new.txt", create: true) == .perm)
        #expect(try guest.call("path_create_directory", 3, "made") == .perm)
        #expect(try guest.call("path_remove_directory", 3, "sub") == .perm)
        #expect(try guest.call("path_unlink_file", 3, "mine.txt") == .perm)
        #expect(try guest.call("path_rename", 3, "mine.txt", 3, "moved.txt") == .perm)
        #expect(try guest.call("path_symlink", "mine.txt", 3, "link") == .perm)
        #expect(try guest.call("path_link", 3, 0, "mine.txt", 3, "hard") == .perm)
        #expect(try guest.call("path_filestat_set_times", 3, 0, "mine.txt", Int64(0), Int64(0), 10) == .perm)
        // A directory opened beneath it is read-only too.
        #expect(try guest.open("sub") == .success)
        #expect(try guest.call("path_create_directory", guest.opened, "made") == .perm)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.inside.path).sorted() == ["mine.txt", "sub"])
    }

    @Test func aPreopenThatIsNotADirectoryIsASetupError() throws {
        let scratch = try Scratch()
        for path in [scratch.root.appendingPathComponent("missing").path, scratch.inside.appendingPathComponent("mine.txt").path] {
            let error = try #require(throws: WASISetupError.self) {
                try WASI(configuration: WASIConfiguration(preopenedDirectories: [PreopenedDirectory(hostPath: path)]))
            }
            #expect(error.message.contains(path))
            #expect(error.code == "HEARTH-E501")
        }
    }
}
