import Bridge
import Foundation
import HearthWASI
import JSON
import WasmBinary
import WasmEngine

/// A compiled plugin: every module of a manifest read, checked against its hash, compiled
/// once, its wasm-bindgen bindings discovered once, its imports checked and its modules put
/// in instantiation order. Instances are cheap to make from it (`instantiate()`), and
/// `withInstance(_:)` lends each caller one of a pool of them.
///
/// Immutable after creation but for its pool of idle instances, which a lock guards: one
/// plugin serves every thread. The host functions it was given (`linker`, `hostImports`) are
/// then called from whichever thread runs an instance.
public final class Plugin: @unchecked Sendable {
    /// One module of the plugin, compiled.
    struct Member {
        /// The manifest's key (`math.wasm`).
        let name: String
        /// The key without `.wasm`, the other name modules import it by.
        let shortName: String
        let module: Module
        /// Its wasm-bindgen bindings; nil for a plain module.
        let bindings: Bindings?
        /// Its exports' types, for an AssemblyScript module the manifest gives `signatures` for.
        let assemblyScript: ASSignatures?
        let byteCount: Int
        /// What other modules import from this one: the module and field names of their
        /// imports, each an export of this module.
        var importedAs: [(module: Name, name: Name)] = []
    }

    /// The manifest the plugin was made from.
    public let manifest: PluginManifest
    /// The engine that compiled its modules: the one given, or, when the manifest's limits
    /// need it, one like it that is interruptible (for `fuel` and `timeoutMs`) and has the
    /// manifest's `callDepth`.
    public let engine: Engine
    /// The modules, in instantiation order.
    let members: [Member]
    /// The main module's position in `members`.
    let mainIndex: Int
    /// What every instance's linker starts from: the embedder's definitions and Hearth's
    /// configuration function.
    let baseLinker: Linker
    /// The embedder's host functions for wasm-bindgen guests, `hearth_config` included.
    let hostImports: [String: HostImport]
    /// What WASI shows the modules; nil when none imports WASI.
    let wasiConfiguration: WASIConfiguration?
    let pool: InstancePool

    /// The modules' names (the manifest's keys), in the order they are instantiated: each after
    /// the modules it imports from.
    public var moduleNames: [String] { members.map(\.name) }

    /// The size of the modules' bytes together (what a `PluginLoader` counts).
    public let byteCount: Int

    /// Compiles the plugin `manifest` describes with `engine` (see `engine` for the limits
    /// that change it). Imports resolve, by module
    /// name, to another module of the plugin (its key, with or without `.wasm`), WASI
    /// (`wasi_snapshot_preview1`, configured by `wasi`, by default the manifest's settings),
    /// Hearth's configuration function (`hearth`.`config_get`, or `hearth_config` for a
    /// wasm-bindgen guest; docs/manifest.md), what `linker` defines, or, for a wasm-bindgen
    /// guest, its intrinsics and the `hostImports` by Rust name. `linker` should define host
    /// functions only: a memory, table or global belongs to one store, and each instance has
    /// its own. At most `maxIdleInstances` idle instances are kept for `withInstance(_:)`.
    ///
    /// Throws `PluginError` for a module that cannot be read (E605), a hash mismatch (E604),
    /// an import nothing provides or of the wrong type (E602) and a cycle (E603), and the
    /// engine's and bridge's errors for a module that does not compile.
    public init(manifest: PluginManifest, engine: Engine = .default, linker: Linker = Linker(),
                hostImports: [String: HostImport] = [:], wasi: WASIConfiguration? = nil, maxIdleInstances: Int = 8) throws {
        self.manifest = manifest
        let engine = Self.engine(engine, for: manifest.limits)
        self.engine = engine
        var compiled: [Member] = []
        for (name, source) in manifest.modules {
            let bytes = try Self.bytes(of: name, source)
            compiled.append(try Self.member(name, try Module(bytes: bytes, engine: engine), byteCount: bytes.count, manifest: manifest))
        }
        let (linker, hostImports) = Self.definitions(manifest, linker: linker, hostImports: hostImports)
        let dependencies = try ImportCheck(members: compiled, linker: linker, hostImports: hostImports).dependencies()
        let order = try InstantiationOrder.of(dependencies, names: compiled.map(\.name))
        for (importer, providers) in dependencies.enumerated() where !providers.isEmpty {
            for entry in compiled[importer].module.imports {
                guard let provider = Self.index(of: entry.module.description, in: compiled),
                      !compiled[provider].importedAs.contains(where: { $0 == (entry.module, entry.name) }) else { continue }
                compiled[provider].importedAs.append((entry.module, entry.name))
            }
        }
        members = order.map { compiled[$0] }
        guard let main = members.firstIndex(where: { $0.name == manifest.mainModule }) else {
            throw ManifestError("$.mainModule", "expected one of the modules (\(members.map(\.name).joined(separator: ", "))), found \"\(manifest.mainModule)\"")
        }
        mainIndex = main
        baseLinker = linker
        self.hostImports = hostImports
        let importsWASI = members.contains { $0.module.imports.contains { $0.module == WASI.moduleName } }
        wasiConfiguration = importsWASI ? wasi ?? manifest.wasi?.configuration ?? WASIConfiguration() : nil
        byteCount = members.reduce(0) { $0 + $1.byteCount }
        pool = InstancePool(maxIdle: maxIdleInstances)
    }

    /// Module `name` of `manifest`, compiled as `module` from `byteCount` bytes.
    static func member(_ name: String, _ module: Module, byteCount: Int, manifest: PluginManifest) throws -> Member {
        Member(
            name: name, shortName: name.hasSuffix(".wasm") ? String(name.dropLast(5)) : name, module: module,
            bindings: try module.isBindgenModule ? Bindings(module: module) : nil,
            assemblyScript: try manifest.signatures[name].map { try assemblyScriptSignatures($0, of: name, module) },
            byteCount: byteCount)
    }

    /// What the embedder gave, with Hearth's configuration function added (raw and bridge).
    static func definitions(_ manifest: PluginManifest, linker: Linker, hostImports: [String: HostImport])
        -> (Linker, [String: HostImport]) {
        var hostImports = hostImports
        hostImports[PluginConfig.bindgenImportName] = PluginConfig.bindgenImport(manifest.config)
        var linker = linker
        PluginConfig.define(manifest.config, in: &linker)
        return (linker, hostImports)
    }

    /// `engine`, or one like it that can apply `limits`: fuel and a timeout need an
    /// interruptible engine's code, and the call depth is an engine setting.
    private static func engine(_ engine: Engine, for limits: PluginLimits) -> Engine {
        var configuration = engine.configuration
        var changed = false
        if limits.fuel != nil || limits.timeoutMs != nil, !configuration.interruptible {
            configuration.interruptible = true
            changed = true
        }
        if let depth = limits.callDepth, Int(clamping: depth) != configuration.maxCallDepth {
            configuration.maxCallDepth = Int(clamping: depth)
            changed = true
        }
        return changed ? Engine(configuration: configuration) : engine
    }

    /// The manifest's `signatures` of module `name`, which must be an AssemblyScript module:
    /// the only kind whose exports' types its binary does not say (a wasm-bindgen module's
    /// describe themselves, a plain module's are its wasm types).
    private static func assemblyScriptSignatures(_ json: JSON, of name: String, _ module: Module) throws -> ASSignatures {
        guard AssemblyScriptGuest.isAssemblyScript(module) else {
            throw ManifestError("$.signatures[\(ManifestReader.quoted(name))]",
                                "signatures only for an AssemblyScript module (compiled with --exportRuntime); \(name) does not export __new, __pin, __unpin and memory")
        }
        return try ASSignatures(json: json)
    }

    /// The bytes of module `name`, checked against the manifest's hash.
    static func bytes(of name: String, _ source: ModuleSource) throws -> [UInt8] {
        let bytes: [UInt8]
        switch source.location {
        case .inline(let inline):
            bytes = inline
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PluginError(.unreadableModule, "cannot read module \(name) at \(path)", remedy: "check the path in the manifest and that the file is readable")
            }
            bytes = [UInt8](data)
        }
        if let expected = source.sha256 {
            let actual = SHA256.hash(bytes)
            guard actual == expected else {
                throw PluginError(.hashMismatch, "module \(name) has SHA-256 \(SHA256.hex(actual)), the manifest says \(SHA256.hex(expected))",
                                  remedy: "rebuild the module or update its sha256 in the manifest")
            }
        }
        return bytes
    }

    /// A new instance of every module, in one store (see `PluginInstance`).
    public func instantiate() throws -> PluginInstance {
        try PluginInstance(plugin: self)
    }

    /// Runs `body` with an instance no other caller is using: an idle one of the plugin's
    /// pool, or a new one. Afterwards the instance goes back to the pool, unless it is
    /// poisoned (a call trapped or was stopped) or the pool already holds enough idle ones.
    /// Callers on different threads each get their own instance and run in parallel.
    public func withInstance<R>(_ body: (PluginInstance) throws -> R) throws -> R {
        let instance = try pool.take() ?? instantiate()
        defer { pool.give(instance) }
        return try body(instance)
    }

    /// Calls `target` (`"add"` for the main module's, `"math.wasm:add"` for another module's)
    /// on a pooled instance; see `PluginInstance.call(_:_:)`.
    public func call(_ target: String, _ arguments: [JSON] = []) throws -> JSON {
        try withInstance { try $0.call(target, arguments) }
    }

    /// The number of idle instances in the pool, ready for `withInstance(_:)`.
    public var idleInstanceCount: Int { pool.idleCount }

    /// The position in `members` of the module an import's module name or a call's prefix
    /// names: a key, or a key without `.wasm`.
    func memberIndex(named name: String) -> Int? {
        Self.index(of: name, in: members)
    }

    /// The position in `members` of the module `name` names: its key, or its key without
    /// `.wasm`.
    static func index(of name: String, in members: [Member]) -> Int? {
        members.firstIndex { $0.name == name } ?? members.firstIndex { $0.shortName == name }
    }
}

extension WASISettings {
    /// The manifest's WASI settings as HearthWASI's configuration: its arguments,
    /// environment and directories, and the process's standard streams for `stdio: inherit`
    /// (none: empty input, output discarded).
    public var configuration: WASIConfiguration {
        WASIConfiguration(
            arguments: args, environment: env,
            preopenedDirectories: dirs.map { PreopenedDirectory(hostPath: $0.host, guestPath: $0.guest, readOnly: $0.readOnly) },
            standardInput: stdio == .inherit ? .inherit : .bytes([]),
            standardOutput: stdio == .inherit ? .inherit : .discard,
            standardError: stdio == .inherit ? .inherit : .discard)
    }
}
