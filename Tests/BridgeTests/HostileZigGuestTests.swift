import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// A Zig guest built with guest-abi/zig that misbehaves (Fixtures/zig/hostile.zig): each bad
/// result is an error naming the function, never a crash, and the host stays usable.
@Suite struct HostileZigGuestTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/zig/hostile.wasm")

    static func guest() throws -> Guest {
        try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: fixture))))
    }

    func expectBridgeError(_ guest: Guest, mode: Int32, containing text: String) throws {
        _ = try guest.export("set_mode").call([.i32(mode)])
        do {
            _ = try guest.call("greet", ["x"])
            Issue.record("expected an error for mode \(mode)")
        } catch let error as BridgeError {
            #expect(error.message.contains("greet"), "the error names the function: \(error.message)")
            #expect(error.message.contains(text), "\(error.message)")
        }
        #expect(try guest.call("echo", ["still usable"]) == "still usable")
    }

    @Test func invalidUTF8IsAnError() throws {
        try expectBridgeError(try Self.guest(), mode: 0, containing: "not valid UTF-8")
    }

    @Test func aPointerOutsideMemoryIsAnError() throws {
        try expectBridgeError(try Self.guest(), mode: 1, containing: "outside its memory")
    }

    @Test func aLengthThatOverflowsIsAnError() throws {
        try expectBridgeError(try Self.guest(), mode: 2, containing: "outside its memory")
    }

    @Test func aDescribeFunctionThatLiesIsAnErrorNamingTheFunction() throws {
        let guest = try Self.guest()
        #expect(guest.bindings.functions.first { $0.name == "lying" }?.signature.description == "(i32) -> i32")
        do {
            _ = try guest.call("lying", [1])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("lying"), "\(error)")
        }
        #expect(try guest.call("echo", ["still usable"]) == "still usable")
    }

    @Test func aTrapInTheAllocatorIsAnErrorNamingTheFunction() throws {
        let guest = try Self.guest()
        // The fixture's memory may not grow past 18 pages: the allocator traps for 2 MB.
        let big = String(repeating: "z", count: 2_000_000)
        do {
            _ = try guest.call("echo", [.string(big)])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("echo"), "\(error)")
        }
        #expect(try Self.guest().call("echo", ["a fresh guest works"]) == "a fresh guest works")
    }
}
