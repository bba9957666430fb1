import Foundation
import JSON
import Testing
import WasmEngine
@testable import HearthPlugin

/// The manifest's limits applied to a plugin: one memory budget for all its modules, fuel and
/// a timeout for each call, a call depth; a call a limit stops poisons its instance.
@Suite struct PluginLimitTests {
    static func plugin(_ limits: String, withMath: Bool = false) throws -> Plugin {
        let modules = [("limits.wasm", "limits")] + (withMath ? [("math.wasm", "math")] : [])
        return try Plugin(manifest: try PluginFixtures.manifest(main: "limits.wasm", modules, extra: #""limits": \#(limits)"#))
    }

    static func limitError(_ body: () throws -> Void) -> LimitError? {
        do {
            try body()
            return nil
        } catch let error as LimitError {
            return error
        } catch {
            Issue.record("expected a LimitError, got \(error)")
            return nil
        }
    }

    @Test func fuelStopsARunawayLoopAndEachCallGetsAllOfIt() throws {
        let plugin = try Self.plugin(#"{"fuel": 10000}"#)
        #expect(plugin.engine.configuration.interruptible)
        let instance = try plugin.instantiate()
        // Many calls, each well within the fuel, together far beyond it.
        for _ in 0..<100 { #expect(try instance.call("grow", [0]) == 1) }
        let error = Self.limitError { _ = try instance.call("spin") }
        #expect(error?.limit == .fuel)
        #expect(error?.remedy == "the manifest's limits.fuel allows 10000 instructions a call")
        #expect(instance.poisonedBy is LimitError)
        #expect(throws: PluginError.self) { try instance.call("grow", [0]) }
        // The pool's next instance is fresh.
        #expect(throws: LimitError.self) { try plugin.call("spin") }
        #expect(try plugin.call("grow", [0]) == 1)
    }

    /// An interrupt that arrives after its call ended is withdrawn before the pool lends the
    /// instance to the next caller, whose call it would otherwise stop.
    @Test func aLateInterruptNeverStopsThePoolsNextCaller() throws {
        let plugin = try Self.plugin(#"{"timeoutMs": 60000}"#)
        try plugin.withInstance { (instance) throws in
            #expect(try instance.call("grow", [0]) == 1)
            instance.store.interruptHandle.interrupt()
        }
        #expect(plugin.idleInstanceCount == 1)
        #expect(try plugin.call("grow", [0]) == 1)
    }

    @Test func aTimeoutStopsARunawayLoop() throws {
        let plugin = try Self.plugin(#"{"timeoutMs": 50}"#)
        let instance = try plugin.instantiate()
        let start = ContinuousClock.now
        let error = Self.limitError { _ = try instance.call("spin") }
        let elapsed = ContinuousClock.now - start
        #expect(error?.limit == .deadline)
        #expect(elapsed >= .milliseconds(50) && elapsed < .seconds(10))
        // The deadline is per call: a fresh instance's calls run under their own.
        let fresh = try plugin.instantiate()
        Thread.sleep(forTimeInterval: 0.06)
        #expect(try fresh.call("grow", [0]) == 1)
    }

    @Test func allModulesShareOneMemoryBudget() throws {
        // limits and math have a page each; the budget is three pages.
        let instance = try Self.plugin(#"{"memoryBytes": 196608}"#, withMath: true).instantiate()
        #expect(instance.store.memoryLimit == 196608)
        #expect(try instance.call("grow", [1]) == 1)
        #expect(try instance.call("grow", [1]) == -1)  // a fourth page is past the budget
        #expect(try instance.call("grow", [0]) == 2)
        // Alone, the module could grow to three pages.
        let alone = try Self.plugin(#"{"memoryBytes": 196608}"#).instantiate()
        #expect(try alone.call("grow", [2]) == 1)
    }

    @Test func instantiatingPastTheBudgetNamesTheModule() throws {
        let plugin = try Self.plugin(#"{"memoryBytes": 65536}"#, withMath: true)
        let error = Self.limitError { _ = try plugin.instantiate() }
        #expect(error?.limit == .memory)
        // limits.wasm (first in the manifest, neither imports) takes the one page; math.wasm
        // asks for another.
        #expect(error?.message.hasPrefix("math.wasm: ") == true)
    }

    @Test func theCallDepthLimitsRecursion() throws {
        let plugin = try Self.plugin(#"{"callDepth": 100}"#)
        #expect(plugin.engine.configuration.maxCallDepth == 100)
        let trap = try #require(throws: Trap.self) { try plugin.instantiate().call("recurse", [0]) }
        #expect(trap.reason == .callStackExhausted)
    }

    @Test func anEngineWithoutLimitsIsKept() throws {
        let engine = Engine()
        let plugin = try Plugin(manifest: try PluginFixtures.manifest(main: "math.wasm", [("math.wasm", "math")]), engine: engine)
        #expect(plugin.engine === engine)
        #expect(try plugin.instantiate().store.memoryLimit == 128 << 20)
    }
}
