import Foundation
import JSON
import WasmBinary
import WasmEngine
import Testing
@testable import Bridge

/// Guests that misbehave get errors, never a crash: bad results, panics.
@Suite struct HostileGuestTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile.wasm")

    @Test func invalidUTF8AndOutOfBoundsResultsAreErrors() throws {
        let guest = try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: Self.fixture))))
        do {
            _ = try guest.call("greet", ["x"])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("not valid UTF-8"))
        }
        _ = try guest.export("set_mode").call([.i32(1)])
        do {
            _ = try guest.call("greet", ["x"])
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("outside its memory"))
        }
    }

    /// 0.2.106 on, a guest that aborted says so in its `__instance_terminated` flag (set by
    /// wasm-bindgen's abort machinery or by a trap): it reports it and refuses calls.
    @Test func aGuestWhoseTerminatedFlagIsSetRefusesCalls() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        #expect(try guest.call("greet", ["A"]) == "Hello, A!")
        guard case .i32(let flag)? = guest.instance.global(named: "__instance_terminated")?.value else {
            Issue.record("0.2.127 exports __instance_terminated")
            return
        }
        try guest.memory.write([1, 0, 0, 0], at: Int(flag))
        do {
            _ = try guest.call("greet", ["A"])
            Issue.record("an aborted guest must refuse calls")
        } catch let error as BridgeError {
            #expect(error.message.contains("the guest aborted (its __instance_terminated flag is set)"))
        }
        #expect(guest.poisonedBy != nil)
    }

    /// Also in 0.2.127, whose `__instance_terminated` flag the trap sets, as the JS glue does.
    @Test(arguments: RustBuild.all)
    func aPanicPoisonsTheGuest(_ build: RustBuild) throws {
        let guest = try GuestTests.guest("result", build)
        #expect(try guest.call("panic_if", [false]) == 1)
        expectTrapped { try guest.call("panic_if", [true]) }
        do {
            _ = try guest.call("panic_if", [false])
            Issue.record("a poisoned guest must refuse calls")
        } catch let error as BridgeError {
            #expect(error.message.contains("unusable after an earlier trap"))
        }
        if case .i32(let flag)? = guest.instance.global(named: "__instance_terminated")?.value {
            #expect(guest.word(at: Int(flag)) == 1, "the guest's __instance_terminated flag is set")
        }
        // A fresh guest of the same module works.
        #expect(try GuestTests.guest("result", build).call("panic_if", [false]) == 1)
    }

    func expectTrapped(_ body: () throws -> JSON) {
        do {
            _ = try body()
            Issue.record("expected a trap")
        } catch let trap as Trap {
            #expect(trap.reason == .unreachable)
        } catch {
            Issue.record("expected a trap, got \(error)")
        }
    }
}
