import Foundation
import HearthWASI
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// Every Go example (examples/go, built with guest-abi/go) called through the bridge exactly
/// as the Rust ones are: discovered from the module, no signature written here.
@Suite struct GoGuestTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/go")

    static func module(_ name: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: examples.appendingPathComponent("\(name)/\(name).wasm"))))
    }

    /// Each reactor compiled and discovered once (discovery runs Go's `_initialize` too).
    static let reactors: [String: (Module, Bindings)] = {
        var reactors: [String: (Module, Bindings)] = [:]
        for name in ["greet", "calculator", "process_json", "result"] {
            guard let module = try? module(name), let bindings = try? Bindings(module: module) else { continue }
            reactors[name] = (module, bindings)
        }
        return reactors
    }()

    static func guest(_ name: String, wasi: WASI? = nil) throws -> Guest {
        let (module, bindings) = try #require(reactors[name], "examples/go/\(name) did not load")
        return try Guest(module: module, bindings: bindings, wasi: wasi)
    }

    @Test func greetIsDiscoveredAndCalledLikeRusts() throws {
        let module = try Self.module("greet")
        #expect(module.isBindgenModule)
        let bindings = try Bindings(module: module)
        #expect(bindings.functions.map(\.description) == ["greet(name: string) -> string"])
        let guest = try Guest(module: module, bindings: bindings)
        #expect(try guest.call("greet", ["World"]) == "Hello, World!")
        let typed: String = try guest.call("greet", "Zoë 🎉")
        #expect(typed == "Hello, Zoë 🎉!")
        #expect(throws: BridgeError.self) { try guest.call("greet", [42]) }
        #expect(throws: BridgeError.self) { try guest.call("greet", []) }
        #expect(try guest.call("greet", [""]) == "Hello, !")
    }

    @Test func argumentAndResultBuffersAreFreedSoMemoryStaysBounded() throws {
        let guest = try Self.guest("greet")
        // 200 calls with 256 KiB names: 100 MiB of buffers if the guest kept the arguments
        // or the host did not free the results; Go's collector keeps the heap far below.
        let name = String(repeating: "x", count: 256 * 1024)
        for _ in 0..<200 {
            let greeting: String = try guest.call("greet", name)
            #expect(greeting.utf8.count == name.utf8.count + 8)
        }
        #expect(try #require(guest.memorySize) < 48 * 1024 * 1024)
    }

    @Test func calculatorIsAClassBehindHandles() throws {
        let guest = try Self.guest("calculator")
        let calculator = try #require(guest.bindings.classes.first { $0.name == "Calculator" })
        #expect(calculator.constructor?.wasmName == "calculator_new")
        #expect(calculator.methods.map(\.function.name) == ["add", "value", "equals", "zero", "finish"])
        #expect(calculator.methods.map(\.receiver) == [.borrowed, .borrowed, .borrowed, .none, .consumed])
        let c = try guest.construct("Calculator", [10])
        #expect(try c.call("add", [5]) == 15)
        #expect(try c.call("value") == 15)
        let d = try guest.construct("Calculator", [15])
        #expect(c.handle != d.handle)
        #expect(try c.call("equals", [d.json]) == true)
        _ = try d.call("add", [-1])
        #expect(try c.call("equals", [d.json]) == false)
        #expect(try d.call("value") == 14, "each handle has its own value")
        #expect(throws: BridgeError.self) { try c.call("add", [.integer(Int64(Int32.max) + 1)]) }
        try d.free()
        #expect(throws: BridgeError.self) { try d.call("value") }
        #expect(try c.call("value") == 15)
        let zero = try guest.callStatic("Calculator", "zero")
        let z = try guest.object(className: "Calculator", handle: try #require(zero["handle"]?.integer(as: UInt32.self)))
        #expect(try z.call("add", [2]) == 2)
        #expect(try z.call("finish") == 2)
        #expect(z.handle == 0, "a consuming method uses the object up")
        #expect(throws: BridgeError.self) { try z.call("value") }
        #expect(try c.call("finish") == 15)
    }

    @Test func jsonTextInAndOut() throws {
        let guest = try Self.guest("process_json")
        #expect(try guest.call("process_json", ["{\"a\":1}"]) == "{\"a\":1,\"processed\":true}")
        #expect(try guest.call("process_json", ["[1,2]"]) == "{\"processed\":true,\"value\":[1,2]}")
        #expect(try guest.call("handle", ["{\"name\":\"Go\",\"value\":21}"]) == "{\"message\":\"Hello, Go\",\"computed\":42}")
        do {
            _ = try guest.call("process_json", ["{bad"])
            Issue.record("expected an error")
        } catch let error as GuestError {
            #expect(error.message.contains("invalid character"))
            #expect(error.function == "process_json")
        }
        #expect(throws: GuestError.self) { try guest.call("handle", ["{\"value\":\"not a number\"}"]) }
        #expect(try guest.call("handle", ["{\"name\":\"again\",\"value\":1}"]) == "{\"message\":\"Hello, again\",\"computed\":2}")
        #expect(guest.liveJsValues == 0)
    }

    @Test func errorsReachTheHostWithTheirMessage() throws {
        let guest = try Self.guest("result")
        #expect(try guest.call("parse_positive", ["42"]) == "42 is positive")
        func message(_ function: String, _ arguments: [JSON]) -> String? {
            do {
                _ = try guest.call(function, arguments)
                return nil
            } catch let error as GuestError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message("parse_positive", ["-3"]) == "-3 is not positive")
        #expect(message("parse_positive", ["x"]) == "'x' is not a number")
        #expect(try guest.call("checked_div", [7, 2]) == 3)
        #expect(try guest.call("checked_div", [-7, 2]) == -3)
        #expect(message("checked_div", [1, 0]) == "division by zero")
        #expect(try guest.call("reverse_bytes", [[1, 2, 3]]) == [3, 2, 1])
        #expect(message("reverse_bytes", [[]]) == "nothing to reverse")
        #expect(throws: BridgeError.self) { try guest.call("reverse_bytes", [[256]]) }
        #expect(try guest.call("check", ["ok"]) == .null)
        #expect(message("check", ["no"]) == "expected ok, got \"no\"")
        #expect(guest.liveJsValues == 0)
        #expect(try guest.call("parse_positive", ["7"]) == "7 is positive", "the guest stays usable")
    }

    /// Go strings are bytes: a Go function can return invalid UTF-8, and a panic is a trap.
    @Test func invalidUTF8AndPanicsFromGoAreErrors() throws {
        let guest = try Self.guest("result")
        #expect(try guest.call("prefix", ["héllo", 3]) == "hé")
        do {
            _ = try guest.call("prefix", ["héllo", 2])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("prefix returned a string that is not valid UTF-8"))
        }
        #expect(try guest.call("prefix", ["héllo", 1]) == "h", "the guest stays usable")
        // A slice past the end panics: Go's runtime writes the panic to standard error (here
        // a buffer) and traps, and the guest refuses further calls.
        let errors = WASIOutputBuffer()
        let panicking = try Self.guest("result", wasi: try WASI(configuration: WASIConfiguration(standardError: .buffer(errors))))
        #expect(throws: Trap.self) { try panicking.call("prefix", ["abc", 30]) }
        #expect(errors.text.contains("slice bounds out of range [:30] with length 3"))
        #expect(throws: BridgeError.self) { try panicking.call("prefix", ["abc", 1]) }
    }

    @Test func wasiCommandReadsAPreopenedFile() throws {
        let directory = Self.examples.appendingPathComponent("wasi_read").path
        let module = try Self.module("wasi_read")
        func run(_ path: String, readOnly: Bool = false) throws -> (UInt32, String, String) {
            let output = WASIOutputBuffer(), errors = WASIOutputBuffer()
            let wasi = try WASI(configuration: WASIConfiguration(
                arguments: ["wasi_read", path],
                preopenedDirectories: [PreopenedDirectory(hostPath: directory, guestPath: "/data", readOnly: readOnly)],
                standardOutput: .buffer(output), standardError: .buffer(errors)))
            let code = try wasi.run(module, in: Store(engine: module.engine))
            return (code, output.text, errors.text)
        }
        let (code, output, _) = try run("/data/input.txt")
        #expect(code == 0)
        #expect(output == "35 bytes: Hello from a pre-opened directory.\n")
        // Go's os.Open asks for fd_filestat_set_size among its rights; it is still a read.
        let (readOnly, readOnlyOutput, _) = try run("/data/input.txt", readOnly: true)
        #expect(readOnly == 0)
        #expect(readOnlyOutput == output)
        let (missing, _, errors) = try run("/data/missing.txt")
        #expect(missing == 1)
        #expect(errors.contains("wasi_read: open /data/missing.txt"))
        let (outside, _, _) = try run("/etc/hostname")
        #expect(outside == 1, "only pre-opened directories are visible")
    }
}
