import Foundation
import JSON

/// A plugin: its modules, which one is the main one, the limits it runs under, what WASI
/// shows it and the configuration it can read (docs/manifest.md, manifest.schema.json).
public struct PluginManifest: Sendable {
    /// The key of the module whose exports are the plugin's, in `modules`.
    public var mainModule: String
    /// The modules by name, in the manifest's order.
    public var modules: [(name: String, source: ModuleSource)]
    /// Limits for the whole plugin.
    public var limits: PluginLimits
    /// What a module that imports WASI sees; nil when the manifest says nothing.
    public var wasi: WASISettings?
    /// Values the guest can read through the configuration host function.
    public var config: JSONObject
    /// Signatures of modules without descriptors, by module name (for example an
    /// AssemblyScript sidecar's contents).
    public var signatures: [String: JSON]

    /// Reads a manifest; relative paths in it are taken from `baseDirectory` (the manifest's
    /// own directory). Throws `ManifestError` naming the JSON path of the first problem.
    public init(json: JSON, baseDirectory: String) throws(ManifestError) {
        let root = try ManifestReader.object(json, "$", allowed: ["mainModule", "modules", "limits", "wasi", "config", "signatures"])
        let moduleObject = try ManifestReader.object(root["modules"], "$.modules", allowed: nil)
        guard moduleObject.count > 0 else { throw ManifestError("$.modules", "expected at least one module") }
        var modules: [(name: String, source: ModuleSource)] = []
        for (name, entry) in moduleObject {
            modules.append((name, try ModuleSource(entry, path: "$.modules[\(ManifestReader.quoted(name))]", baseDirectory: baseDirectory)))
        }
        self.modules = modules
        if let main = root["mainModule"] {
            guard let name = main.stringValue else { throw ManifestError("$.mainModule", "expected the name of a module, found \(main)") }
            guard modules.contains(where: { $0.name == name }) else {
                throw ManifestError("$.mainModule", "expected one of the modules (\(modules.map(\.name).joined(separator: ", "))), found \(ManifestReader.quoted(name))")
            }
            mainModule = name
        } else if modules.count == 1 {
            mainModule = modules[0].name
        } else {
            throw ManifestError("$.mainModule", "expected the name of the main module: the manifest has \(modules.count)")
        }
        limits = try root["limits"].map { (json) throws(ManifestError) in try PluginLimits(json, path: "$.limits") } ?? PluginLimits()
        wasi = try root["wasi"].map { (json) throws(ManifestError) in try WASISettings(json, path: "$.wasi", baseDirectory: baseDirectory) }
        config = try root["config"].map { (json) throws(ManifestError) in try ManifestReader.object(json, "$.config", allowed: nil) } ?? JSONObject()
        var signatures: [String: JSON] = [:]
        if let given = root["signatures"] {
            for (name, value) in try ManifestReader.object(given, "$.signatures", allowed: nil) {
                guard modules.contains(where: { $0.name == name }) else {
                    throw ManifestError("$.signatures[\(ManifestReader.quoted(name))]", "expected the name of a module of the plugin")
                }
                signatures[name] = value
            }
        }
        self.signatures = signatures
    }

    /// Reads the manifest at `path` (JSON); its relative paths are taken from its directory.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManifestError("$", "a readable manifest file at \(path)")
        }
        try self.init(json: try JSON.parse(bytes: [UInt8](data)), baseDirectory: (path as NSString).deletingLastPathComponent)
    }
}

/// Where a module's bytes come from, and the hash they must have.
public struct ModuleSource: Sendable {
    public enum Location: Sendable, Equatable {
        /// A file, its path resolved against the manifest's directory.
        case file(String)
        /// The bytes, given in the manifest (base64).
        case inline([UInt8])
    }
    public var location: Location
    /// The SHA-256 the bytes must have, if the manifest gives one.
    public var sha256: [UInt8]?

    init(_ json: JSON, path: String, baseDirectory: String) throws(ManifestError) {
        let object = try ManifestReader.object(json, path, allowed: ["wasm", "bytes", "sha256"])
        switch (object["wasm"], object["bytes"]) {
        case (let file?, nil):
            guard let file = file.stringValue, !file.isEmpty else { throw ManifestError("\(path).wasm", "expected a path to a .wasm file") }
            location = .file(file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file))
        case (nil, let bytes?):
            guard let text = bytes.stringValue, let data = Data(base64Encoded: text) else {
                throw ManifestError("\(path).bytes", "expected the module's bytes in base64")
            }
            location = .inline([UInt8](data))
        case (nil, nil): throw ManifestError(path, "expected \"wasm\" (a path) or \"bytes\" (base64)")
        default: throw ManifestError(path, "expected \"wasm\" or \"bytes\", not both")
        }
        sha256 = try object["sha256"].map { (hash) throws(ManifestError) in
            guard let text = hash.stringValue, text.count == 64, let bytes = ManifestReader.hex(text) else {
                throw ManifestError("\(path).sha256", "expected 64 hexadecimal digits")
            }
            return bytes
        }
    }
}

/// The limits a plugin runs under (docs/manifest.md).
public struct PluginLimits: Sendable, Equatable {
    /// One budget for all memories and tables of the plugin, in bytes (default 128 MiB).
    public var memoryBytes: UInt64 = 128 << 20
    /// Instructions a call may run; nil for no limit.
    public var fuel: UInt64?
    /// Wall-clock milliseconds a call may take; nil for no limit.
    public var timeoutMs: UInt64?
    /// Nested calls a call may make; nil for the engine's default.
    public var callDepth: UInt64?

    /// The defaults: 128 MiB, nothing else limited beyond the engine's defaults.
    public init() {}

    init(_ json: JSON, path: String) throws(ManifestError) {
        let object = try ManifestReader.object(json, path, allowed: ["memoryBytes", "fuel", "timeoutMs", "callDepth"])
        func number(_ key: String, _ what: String) throws(ManifestError) -> UInt64? {
            guard let value = object[key] else { return nil }
            guard let number = value.integer(as: UInt64.self), number > 0 else {
                throw ManifestError("\(path).\(key)", "expected a positive whole number of \(what), found \(value)")
            }
            return number
        }
        memoryBytes = try number("memoryBytes", "bytes") ?? memoryBytes
        fuel = try number("fuel", "instructions")
        timeoutMs = try number("timeoutMs", "milliseconds")
        callDepth = try number("callDepth", "calls")
    }
}

/// What WASI shows a plugin's modules.
public struct WASISettings: Sendable {
    /// The arguments, program name first.
    public var args: [String] = []
    /// Environment variables, in the manifest's order.
    public var env: [(name: String, value: String)] = []
    /// Pre-opened directories.
    public var dirs: [Directory] = []
    /// Whether the standard streams are the host process's (`inherit`) or empty and discarded
    /// (`none`, the default).
    public var stdio: Stdio = .none

    public enum Stdio: String, Sendable { case inherit, none }

    /// A host directory the guest sees at `guest`.
    public struct Directory: Sendable, Equatable {
        public var host: String
        public var guest: String
        public var readOnly: Bool
    }

    init(_ json: JSON, path: String, baseDirectory: String) throws(ManifestError) {
        let object = try ManifestReader.object(json, path, allowed: ["args", "env", "dirs", "stdio"])
        if let args = object["args"] {
            let strings = args.arrayValue?.compactMap(\.stringValue)
            guard let strings, strings.count == args.arrayValue?.count else {
                throw ManifestError("\(path).args", "expected an array of strings")
            }
            self.args = strings
        }
        if let env = object["env"] {
            for (name, value) in try ManifestReader.object(env, "\(path).env", allowed: nil) {
                guard let text = value.stringValue, !name.isEmpty, !name.contains("=") else {
                    throw ManifestError("\(path).env[\(ManifestReader.quoted(name))]", "expected a string value and a name without \"=\"")
                }
                self.env.append((name, text))
            }
        }
        if let dirs = object["dirs"] {
            guard let list = dirs.arrayValue else { throw ManifestError("\(path).dirs", "expected an array of directories") }
            for (index, entry) in list.enumerated() {
                let place = "\(path).dirs[\(index)]"
                let directory = try ManifestReader.object(entry, place, allowed: ["host", "guest", "readOnly"])
                guard let host = directory["host"]?.stringValue, !host.isEmpty else { throw ManifestError("\(place).host", "expected a host directory") }
                let guest = try directory["guest"].map { (value) throws(ManifestError) in
                    guard let text = value.stringValue, !text.isEmpty else { throw ManifestError("\(place).guest", "expected the path the guest sees") }
                    return text
                } ?? host
                let readOnly = try directory["readOnly"].map { (value) throws(ManifestError) in
                    guard let flag = value.boolValue else { throw ManifestError("\(place).readOnly", "expected true or false") }
                    return flag
                } ?? false
                self.dirs.append(Directory(
                    host: host.hasPrefix("/") ? host : (baseDirectory as NSString).appendingPathComponent(host),
                    guest: guest, readOnly: readOnly))
            }
        }
        if let stdio = object["stdio"] {
            guard let text = stdio.stringValue, let value = Stdio(rawValue: text) else {
                throw ManifestError("\(path).stdio", "expected \"inherit\" or \"none\", found \(stdio)")
            }
            self.stdio = value
        }
    }
}

/// Reading a manifest's JSON with the path of each value at hand.
enum ManifestReader {
    /// `json` as an object; with `allowed`, a key outside it is an error (never ignored).
    static func object(_ json: JSON?, _ path: String, allowed: Set<String>?) throws(ManifestError) -> JSONObject {
        guard let json else { throw ManifestError(path, "expected an object, found nothing") }
        guard let object = json.objectValue else { throw ManifestError(path, "expected an object, found \(json)") }
        if let allowed {
            for key in object.keys where !allowed.contains(key) {
                throw ManifestError("\(path).\(key)", "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
        return object
    }

    static func quoted(_ name: String) -> String { JSON.string(name).serialized() }

    static func hex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = high.hexDigitValue, let l = low.hexDigitValue else { return nil }
            bytes.append(UInt8(h << 4 | l))
        }
        return bytes
    }
}
