import Foundation
import Bridge
import JSON
import WasmBinary
import WasmEngine
import Testing
import TestSupport

/// Random JSON arguments — right and wrong types, out-of-range numbers, odd strings — for every
/// function of every example: each call ends in a result or a typed error, never a crash.
@Suite struct ArgumentFuzzTests {
    static func randomJSON(_ random: inout SplitMix, depth: Int = 0) -> JSON {
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return nil
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(Int64.random(in: -300...300, using: &random))
        case 3: return .integer(Int64.random(in: Int64.min...Int64.max, using: &random))
        case 4: return .number(Double.random(in: -1e20...1e20, using: &random))
        case 5: return .string(String((0..<Int.random(in: 0...40, using: &random)).map { _ in
            Character(Unicode.Scalar(UInt32.random(in: 32...0x2FFF, using: &random)) ?? "x") }))
        case 6: return .string(["", "a", "🎉", "{\"x\":1,\"y\":2}", "not json"].randomElement(using: &random)!)
        case 7 where depth < 2:
            return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in randomJSON(&random, depth: depth + 1) })
        default:
            return ["x": .number(Double.random(in: -10...10, using: &random)), "y": 1, "name": "n", "value": 3]
        }
    }

    @Test(arguments: RustBuild.all)
    func randomArgumentsEndInAResultOrATypedError(_ build: RustBuild) throws {
        var random = SplitMix(seed: 99)
        var outcomes = (results: 0, errors: 0)
        for example in ["greet", "calculator", "result", "bytes", "process_json", "handle", "jsvalue", "scalars"] {
            var guest = try GuestTests.guest(example, build)
            for function in guest.bindings.functions {
                for _ in 0..<40 {
                    let count = Int.random(in: 0...3, using: &random) == 0
                        ? Int.random(in: 0...3, using: &random) : function.signature.arguments.count
                    let arguments = (0..<count).map { _ in Self.randomJSON(&random) }
                    do {
                        _ = try guest.call(function.name, arguments)
                        outcomes.results += 1
                    } catch is BridgeError {
                        outcomes.errors += 1
                    } catch is GuestError {
                        outcomes.errors += 1
                    } catch is Trap {
                        outcomes.errors += 1
                        guest = try GuestTests.guest(example, build)  // a panic poisons it
                    }
                }
            }
        }
        #expect(outcomes.results > 100 && outcomes.errors > 100, "\(outcomes)")
    }
}
