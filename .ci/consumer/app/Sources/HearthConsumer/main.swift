import Foundation
import Hearth

// Calls `greet` of the Rust guest named on the command line through the wasm-bindgen bridge,
// as README.md's embedding example does, and prints the greeting.
let path = CommandLine.arguments[1]
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
let guest = try Guest(module: Module(bytes: bytes))
let greeting: String = try guest.call("greet", "World")
print(greeting)
