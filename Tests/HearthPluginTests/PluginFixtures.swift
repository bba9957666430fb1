import Foundation
import JSON
@testable import HearthPlugin

/// The modules under Fixtures/ (built by Fixtures/build.sh) and manifests over them.
enum PluginFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("\(name).wasm")))
    }

    /// A manifest of `modules` (key -> fixture name), read as a manifest file would be.
    /// `extra` is spliced into the top-level object (`"config": {...}`).
    static func manifest(main: String, _ modules: [(key: String, fixture: String)], extra: String = "") throws -> PluginManifest {
        let entries = modules.map { #""\#($0.key)": {"wasm": "\#($0.fixture).wasm"}"# }.joined(separator: ", ")
        let text = #"{"mainModule": "\#(main)", "modules": {\#(entries)}\#(extra.isEmpty ? "" : ", " + extra)}"#
        return try PluginManifest(json: try JSON.parse(text), baseDirectory: directory)
    }

    /// main.wasm (listed first) imports math.wasm by its key and util by its key without
    /// `.wasm`; util imports math without `.wasm`.
    static func arithmetic(config: String = #"{"greeting": "Hello", "limit": 3}"#) throws -> PluginManifest {
        try manifest(main: "main.wasm", [("main.wasm", "main"), ("util.wasm", "util"), ("math.wasm", "math")], extra: #""config": \#(config)"#)
    }
}
