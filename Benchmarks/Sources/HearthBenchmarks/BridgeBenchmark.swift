import Foundation
import Hearth

/// The bridge's string round trip: `greet(&str) -> String` of examples/rust/greet, called
/// with a 100-byte string through `Guest.call` (malloc, copy, call, read, free). WasmKit has no
/// wasm-bindgen bridge, so this row has Hearth's figure only.
func bridgeStringRoundTrip(iterations: Int, repetitions: Int) throws -> Double {
    let url = workloads.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/rust/greet/greet.wasm")
    let guest = try Guest(module: try Module(bytes: [UInt8](Data(contentsOf: url)), engine: HearthEngine.engine))
    let name = JSON.string(String(repeating: "x", count: 100))
    guard try guest.call("greet", [name]).stringValue?.count == 108 else { throw BenchmarkError("greet") }
    var samples: [Double] = []
    for _ in 0..<repetitions {
        samples.append(try measure { for _ in 0..<iterations { _ = try guest.call("greet", [name]) } } / Double(iterations))
    }
    return samples.median
}
