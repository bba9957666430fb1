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
