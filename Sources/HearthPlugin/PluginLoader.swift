import Bridge
import Foundation
import HearthWASI
import WasmEngine

/// A cache of compiled plugins by id — the Worker Loader's `LOADER.get(id, () => config)`:
/// `get(id) { manifest }` returns the plugin compiled for `id`, reading the manifest and
/// compiling only on a miss. Bounded by a number of plugins and by the bytes of their modules;
/// the least recently used plugin goes first. Thread-safe: callers on any thread share it.
public final class PluginLoader: @unchecked Sendable {
    private struct Entry {
        var plugin: Plugin
        /// When it was last returned, in `clock` ticks.
        var lastUse: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    private var counters = (hits: 0, misses: 0)

    /// The most plugins kept.
    public let maxCount: Int
    /// The most module bytes kept, all plugins together.
    public let maxBytes: Int
    private let engine: Engine
    private let linker: Linker
    private let hostImports: [String: HostImport]

    /// A loader keeping at most `maxCount` plugins and `maxBytes` bytes of modules. Plugins
    /// are compiled with `engine`, `linker` and `hostImports` (see `Plugin.init`).
    public init(maxCount: Int, maxBytes: Int, engine: Engine = .default, linker: Linker = Linker(), hostImports: [String: HostImport] = [:]) {
        self.maxCount = maxCount
        self.maxBytes = maxBytes
        self.engine = engine
        self.linker = linker
        self.hostImports = hostImports
    }

    /// The plugin cached for `id`, or, on a miss, the one compiled from the manifest
    /// `manifest` returns (which is then cached, pushing out the least recently used plugins
    /// while the bounds are exceeded; a plugin larger than `maxBytes` alone is returned but
    /// not kept). Compiling happens outside the lock: plugins load in parallel, and should two
    /// threads miss the same id at once, the first one cached wins.
    public func get(_ id: String, manifest: () throws -> PluginManifest) throws -> Plugin {
        if let cached = lock.withLock({ () -> Plugin? in
            clock += 1
            guard let plugin = entries[id]?.plugin else {
                counters.misses += 1
                return nil
            }
            counters.hits += 1
            entries[id]!.lastUse = clock
            return plugin
        }) {
            return cached
        }
        let plugin = try Plugin(manifest: try manifest(), engine: engine, linker: linker, hostImports: hostImports)
        return lock.withLock {
            clock += 1
            if let raced = entries[id] {
                entries[id]!.lastUse = clock
                return raced.plugin
            }
            guard plugin.byteCount <= maxBytes, maxCount > 0 else { return plugin }
            while entries.count >= maxCount || bytes + plugin.byteCount > maxBytes {
                let oldest = entries.min { $0.value.lastUse < $1.value.lastUse }!
                entries[oldest.key] = nil
                bytes -= oldest.value.plugin.byteCount
            }
            entries[id] = Entry(plugin: plugin, lastUse: clock)
            bytes += plugin.byteCount
            return plugin
        }
    }

    /// Drops the plugin cached for `id`, if any (its instances in use stay usable).
    public func remove(_ id: String) {
        lock.withLock {
            if let entry = entries.removeValue(forKey: id) { bytes -= entry.plugin.byteCount }
        }
    }

    /// The ids cached now.
    public var ids: Set<String> { lock.withLock { Set(entries.keys) } }
    /// The module bytes of the plugins cached now.
    public var byteCount: Int { lock.withLock { bytes } }
    /// How many `get`s found their plugin cached, and how many compiled it.
    public var statistics: (hits: Int, misses: Int) { lock.withLock { counters } }
}
