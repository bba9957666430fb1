import Foundation
import JSON
import Synchronization
import Testing
import WasmEngine
@testable import HearthPlugin

/// The pool behind `Plugin.withInstance`: each concurrent caller gets its own instance, idle
/// ones are reused, poisoned ones are dropped, and making an instance is cheap.
@Suite struct PluginPoolTests {
    @Test func concurrentCallersOnTwoThreadsEachGetTheirOwnInstanceAndCorrectResults() throws {
        let plugin = try Plugin(manifest: try PluginFixtures.arithmetic())
        let seen = Mutex<Set<ObjectIdentifier>>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for round in 0..<300 {
                do {
                    try plugin.withInstance { instance in
                        seen.withLock { _ = $0.insert(ObjectIdentifier(instance)) }
                        let a = Int64(thread * 1000 + round), b = Int64(round)
                        let sum = try instance.call("sum_double", [.integer(a), .integer(b)])
                        if sum != .integer(2 * (a + b)) { failures.withLock { $0.append("sum_double(\(a), \(b)) = \(sum)") } }
                        // Nobody else uses the instance meanwhile: its counter moves by one.
                        let first = try instance.call("math:count").integerValue ?? 0
                        let second = try instance.call("math:count").integerValue ?? 0
                        if second != first + 1 { failures.withLock { $0.append("count went \(first) -> \(second)") } }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        // Two threads never need more than two instances: the rest are reused.
        let instances = seen.withLock { $0.count }
        #expect(instances >= 1 && instances <= 2)
        #expect(plugin.idleInstanceCount == instances)
    }

    @Test func differentPluginsRunInParallel() throws {
        let arithmetic = try Plugin(manifest: try PluginFixtures.arithmetic())
        let reader = try Plugin(manifest: try PluginFixtures.manifest(
            main: "reader.wasm", [("reader.wasm", "config_reader"), ("math.wasm", "math")], extra: #""config": {"greeting": "Hi"}"#))
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { job in
            for round in 0..<100 {
                do {
                    if job % 2 == 0 {
                        let result = try arithmetic.call("sum_double", [.integer(Int64(round)), 1])
                        if result != .integer(Int64(2 * (round + 1))) { failures.withLock { $0.append("sum_double: \(result)") } }
                    } else {
                        let result = try reader.call("greet", [.string("n\(round)")])
                        if result != .string("Hi, n\(round)!") { failures.withLock { $0.append("greet: \(result)") } }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
    }

    @Test func aPoisonedInstanceIsReplacedByAFreshOne() throws {
        let plugin = try Plugin(manifest: try PluginFixtures.arithmetic())
        #expect(try plugin.call("math:count") == 1)
        #expect(try plugin.call("math:count") == 2)  // the same, reused instance
        #expect(plugin.idleInstanceCount == 1)
        #expect(throws: Trap.self) { try plugin.call("crash_in_math") }
        #expect(plugin.idleInstanceCount == 0)
        #expect(try plugin.call("math:count") == 1)  // a fresh instance: its counter starts over
        #expect(plugin.idleInstanceCount == 1)
    }

    @Test func idleInstancesAreBounded() throws {
        let plugin = try Plugin(manifest: try PluginFixtures.arithmetic(), maxIdleInstances: 1)
        try plugin.withInstance { outer in
            try plugin.withInstance { inner in
                #expect(outer !== inner)
            }
        }
        #expect(plugin.idleInstanceCount == 1)
    }

    @Test(arguments: ["arithmetic", "reader"])
    func aReleasedInstanceFreesItsStore(_ plugin: String) throws {
        let manifest = plugin == "arithmetic" ? try PluginFixtures.arithmetic()
            : try PluginFixtures.manifest(main: "reader.wasm", [("reader.wasm", "config_reader"), ("math.wasm", "math")])
        let plugin = try Plugin(manifest: manifest)
        weak var store: Store?
        do {
            let instance = try plugin.instantiate()
            store = instance.store
            #expect(try instance.call("math:add", [1, 2]) == 3)
            #expect(store != nil)
        }
        #expect(store == nil)
        // A poisoned instance the pool drops goes too.
        #expect(throws: Trap.self) { try plugin.withInstance { instance in store = instance.store; _ = try instance.call("math:crash") } }
        #expect(store == nil)
    }
}
