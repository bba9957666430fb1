import Foundation
import JSON
import Testing
@testable import HearthPlugin

/// examples/multi-module/plugin.json as a plugin: a C orchestrator with bindings calling Zig
/// and C modules, each with its own memory, under one budget (the README's figures).
@Suite struct MultiModuleExampleTests {
    static let manifestPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/multi-module/plugin.json").path

    @Test func theOrchestratorCallsItsModulesThroughTheLinker() throws {
        let plugin = try Plugin(manifest: try PluginManifest(contentsOf: Self.manifestPath))
        #expect(plugin.moduleNames.last == "orchestrator.wasm")
        let instance = try plugin.instantiate()
        #expect(try instance.call("add", [2, 3]) == 5)
        #expect(try instance.call("sha256_hex", ["abc"]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try instance.call("grayscale", [[255, 0, 0, 255, 10, 20, 30, 40]]) == [76, 76, 76, 255, 18, 18, 18, 40])
        #expect(try instance.call("checksum_gray", [[255, 0, 0, 255, 10, 20, 30, 40]])
            == "b3cb79dd48f797c3a77f5d8c9b3f894f077de4d940419fc959f03ca8dd733127")
        #expect(try instance.call("math.wasm:gcd", [-12, 18]) == 6)
        // The budget (16 MiB) is one for all four modules.
        #expect(try instance.call("grow_image_memory", [16]) == 2)
        #expect(try instance.call("grow_image_memory", [300]) == -1)
    }
}
