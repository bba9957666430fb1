import JSON
import Testing
@testable import HearthPlugin

/// The loader: `get(id) { manifest }` compiles on a miss only, and keeps plugins within a
/// count and a byte bound, least recently used out.
@Suite struct PluginLoaderTests {
    /// Counts how often the loader asked for a manifest.
    final class Reads: @unchecked Sendable {
        var count = 0
    }

    static func math() throws -> PluginManifest {
        try PluginFixtures.manifest(main: "math.wasm", [("math.wasm", "math")])
    }

    @Test func aHitReturnsTheSamePluginWithoutReadingTheManifest() throws {
        let loader = PluginLoader(maxCount: 4, maxBytes: 1 << 20)
        let reads = Reads()
        let first = try loader.get("math") { reads.count += 1; return try Self.math() }
        let second = try loader.get("math") { reads.count += 1; return try Self.math() }
        #expect(first === second)
        #expect(reads.count == 1)
        #expect(loader.statistics == (hits: 1, misses: 1))
        #expect(try second.call("add", [2, 2]) == 4)
        #expect(loader.byteCount == first.byteCount)
    }

    @Test func theLeastRecentlyUsedGoesWhenTheCountIsReached() throws {
        let loader = PluginLoader(maxCount: 2, maxBytes: 1 << 20)
        let a = try loader.get("a", manifest: Self.math)
        _ = try loader.get("b", manifest: Self.math)
        _ = try loader.get("a", manifest: Self.math)  // a is now more recent than b
        _ = try loader.get("c", manifest: Self.math)
        #expect(loader.ids == ["a", "c"])
        #expect(try loader.get("a", manifest: Self.math) === a)
        #expect(loader.statistics == (hits: 2, misses: 3))
    }

    @Test func theLeastRecentlyUsedGoUntilTheBytesFit() throws {
        let size = try Plugin(manifest: try Self.math()).byteCount
        // Room for two plugins of math's size, not three.
        let loader = PluginLoader(maxCount: 10, maxBytes: 2 * size + size / 2)
        for id in ["a", "b", "c"] { _ = try loader.get(id, manifest: Self.math) }
        #expect(loader.ids == ["b", "c"])
        #expect(loader.byteCount == 2 * size)
        // A plugin larger than the whole budget is returned, not kept, and evicts nothing.
        let small = PluginLoader(maxCount: 10, maxBytes: size - 1)
        #expect(try small.get("a", manifest: Self.math).call("mul", [3, 3]) == 9)
        #expect(small.ids.isEmpty && small.byteCount == 0)
        // A two-module plugin counts the bytes of both.
        let two = try Plugin(manifest: try PluginFixtures.manifest(main: "util.wasm", [("util.wasm", "util"), ("math.wasm", "math")]))
        #expect(two.byteCount == size + (try PluginFixtures.bytes("util")).count)
    }

    @Test func aFailedCompileIsNotCached() throws {
        let loader = PluginLoader(maxCount: 2, maxBytes: 1 << 20)
        let cycle = try PluginFixtures.manifest(main: "cycle_a.wasm", [("cycle_a.wasm", "cycle_a"), ("cycle_b.wasm", "cycle_b")])
        #expect(throws: PluginError.self) { try loader.get("x") { cycle } }
        #expect(loader.ids.isEmpty)
        #expect(try loader.get("x", manifest: Self.math).call("add", [1, 1]) == 2)
    }
}
