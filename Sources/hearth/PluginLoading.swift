import Hearth

/// Plugins for the CLI: `call`, `repl`, `run` and `validate` take a manifest wherever they take
/// a module (a `.json` file; docs/manifest.md).
enum PluginLoading {
    /// Whether `path` names a manifest rather than a module.
    static func isManifest(_ path: String) -> Bool {
        path.hasSuffix(".json")
    }

    /// The plugin `path` describes, compiled, its limits overridden by the command line's.
    /// `wasi` replaces the manifest's WASI settings when given.
    static func plugin(_ path: String, limits: LimitOptions, hostImports: [String: HostImport] = [:],
                       wasi: ((WASISettings?) throws -> WASIConfiguration)? = nil) throws -> Plugin {
        var manifest = try PluginManifest(contentsOf: path)
        manifest.limits = limits.override(manifest.limits)
        return try limits.namingOptions {
            try Plugin(manifest: manifest, hostImports: hostImports, wasi: try wasi?(manifest.wasi))
        }
    }
}
