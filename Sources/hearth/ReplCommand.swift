import ArgumentParser
import Foundation
import Hearth

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Call a wasm-bindgen module interactively, one call per line.",
        discussion: """
            Each line is a call with JSON arguments; its result is printed as JSON:
              greet("World")
              let c = Calculator.new(10)
              c.add(5)
              c.free()
            Works interactively and with input piped in. An error is printed and the session \
            goes on; the exit code is 1 if any line failed.
            """
    )

    @Argument(help: "The wasm-bindgen .wasm module.")
    var file: String

    @OptionGroup var hostImports: HostImportOptions

    func run() throws {
        let guest: Guest
        do {
            let module = try Module(bytes: try readModuleBytes(file))
            let bindings = try Bindings(module: module)
            guest = try Guest(module: module, bindings: bindings, imports: try hostImports.hostImports(for: bindings))
        } catch {
            throw report(error)
        }
        var session = ReplSession(guest: guest)
        let interactive = isatty(STDIN_FILENO) != 0
        var failed = false
        while true {
            if interactive {
                print("> ", terminator: "")
                FileHandle.standardOutput.synchronizeFile()
            }
            guard let line = readLine() else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
            do {
                print(try session.execute(trimmed).serialized())
            } catch {
                failed = true
                print("error: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// The state of a repl: the guest and the objects bound to names.
struct ReplSession {
    let guest: Guest
    var objects: [String: GuestObject] = [:]

    /// Runs one line: `[let NAME =] TARGET(ARGUMENTS)`, where TARGET is a function, `Class.new`,
    /// `Class.staticMethod` or `name.method`.
    mutating func execute(_ line: String) throws -> JSON {
        var text = Substring(line)
        var binding: String?
        if text.hasPrefix("let ") {
            text = text.dropFirst(4)
            guard let equals = text.firstIndex(of: "=") else { throw BridgeError("expected `let NAME = CALL`") }
            binding = text[..<equals].trimmingCharacters(in: .whitespaces)
            text = text[text.index(after: equals)...]
        }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            throw BridgeError("expected a call such as greet(\"World\")")
        }
        let target = text[..<open].trimmingCharacters(in: .whitespaces)
        let argumentText = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let arguments: [JSON]
        do {
            arguments = try JSON.parse("[" + argumentText + "]").arrayValue ?? []
        } catch {
            throw BridgeError("arguments are not JSON: \(error.message)")
        }
        let (result, object) = try call(target, arguments)
        if let binding {
            if let object {
                objects[binding] = object
            } else if let handle = result["handle"]?.integerValue, let className = result["class"]?.stringValue {
                objects[binding] = try guest.object(className: className, handle: UInt32(handle))
            } else {
                throw BridgeError("only objects can be bound to names; \(target) returned \(result)")
            }
        }
        return result
    }

    /// The result as JSON, and the object when the call constructed one (its only owner).
    mutating func call(_ target: String, _ arguments: [JSON]) throws -> (JSON, GuestObject?) {
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return (try guest.call(target, arguments), nil) }
        let (receiver, member) = (parts[0], parts[1])
        if let object = objects[receiver] {
            if member == "free" {
                try object.free()
                objects[receiver] = nil
                return (.null, nil)
            }
            return (try object.call(member, arguments), nil)
        }
        if member == "new" {
            let object = try guest.construct(receiver, arguments)
            return (["class": .string(object.type.name), "handle": .integer(Int64(object.handle))], object)
        }
        return (try guest.callStatic(receiver, member, arguments), nil)
    }
}
