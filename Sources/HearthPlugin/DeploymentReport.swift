import Bridge
import Foundation
import JSON
import WasmBinary
import WasmEngine

/// Whether a module, or a plugin's modules together, can be deployed (`hearth validate`):
/// each module's size and tier, memory, imports, bindings and estimated cold start, and for a
/// plugin its memory against the budget and the imports nothing provides. The verdict is
/// `fail` when it cannot be deployed, `warn` when it can but something deserves a look.
public struct DeploymentReport: Sendable {
    /// One module's figures.
    public struct ModuleReport: Sendable {
        /// Its name: the manifest's key, or the file.
        public var name: String
        /// The module's size.
        public var bytes: Int
        /// How its size rates.
        public var tier: DeploymentTier
        /// Its defined functions.
        public var functions: Int
        /// The initial pages of the memories it defines (an imported memory counts where it
        /// is defined).
        public var initialPages: UInt64
        /// Their declared maximum pages together; nil when one has none.
        public var maximumPages: UInt64?
        /// The bytes its active data segments copy in at instantiation.
        public var dataBytes: Int
        /// The initial elements of the tables it defines.
        public var tableElements: UInt64
        /// Every import as `module.name`.
        public var imports: [String]
        /// The functions and classes callable with JSON: a wasm-bindgen module's bindings,
        /// an AssemblyScript module's signatures; empty for a plain module.
        public var bindings: [String]
        /// How long compiling it should take.
        public var coldStart: ColdStartEstimate

        /// What instantiating it takes from a memory budget: its own memories and tables.
        public var initialMemoryBytes: UInt64 { initialPages * 65536 + tableElements * 8 }
    }

    /// Each module's figures, in the manifest's order.
    public var modules: [ModuleReport]
    /// The plugin's memory budget (`limits.memoryBytes`); nil for a single module.
    public var memoryBudget: UInt64?
    /// Why it cannot be deployed.
    public var problems: [String]
    /// What deserves a look.
    public var warnings: [String]

    /// `pass`, `warn` or `fail`.
    public var verdict: String {
        if !problems.isEmpty { return "fail" }
        return warnings.isEmpty ? "pass" : "warn"
    }

    /// The report for one module's `bytes` (compiled by `module`).
    public init(name: String, bytes: Int, module: Module, thresholds: DeploymentTier.Thresholds = .init()) {
        modules = [Self.report(name: name, bytes: bytes, module: module, signatures: nil, thresholds: thresholds)]
        memoryBudget = nil
        problems = []
        warnings = []
        judgeSizes()
    }

    /// The report for a plugin: every module compiled as `Plugin` compiles them, the
    /// imports checked, the memories measured against `limits.memoryBytes`. A module that
    /// cannot be read or compiled, an import nothing provides, a cycle or a hash mismatch is a
    /// problem, and so are initial memories larger than the budget.
    public init(manifest: PluginManifest, engine: Engine = .default, thresholds: DeploymentTier.Thresholds = .init()) {
        modules = []
        memoryBudget = manifest.limits.memoryBytes
        problems = []
        warnings = []
        var members: [Plugin.Member] = []
        for (name, source) in manifest.modules {
            do {
                let bytes = try Plugin.bytes(of: name, source)
                let module = try Module(bytes: bytes, engine: engine)
                modules.append(Self.report(name: name, bytes: bytes.count, module: module,
                                           signatures: manifest.signatures[name], thresholds: thresholds))
                members.append(try Plugin.member(name, module, byteCount: bytes.count, manifest: manifest))
            } catch {
                problems.append("\(name): \(error)")
            }
        }
        judgeSizes()
        guard problems.isEmpty else { return }
        // Every import nothing provides (a Plugin names only the first), then the order.
        let (linker, hostImports) = Plugin.definitions(manifest, linker: Linker(), hostImports: [:])
        let (dependencies, unsatisfied) = ImportCheck(members: members, linker: linker, hostImports: hostImports).examine()
        problems += unsatisfied.map { "\($0)" }
        if unsatisfied.isEmpty {
            do {
                _ = try InstantiationOrder.of(dependencies, names: members.map(\.name))
            } catch {
                problems.append("\(error)")
            }
        }
        let initial = modules.reduce(0) { $0 + $1.initialMemoryBytes }
        if initial > manifest.limits.memoryBytes {
            problems.append("the modules' initial memories and tables take \(initial) bytes, more than limits.memoryBytes (\(manifest.limits.memoryBytes))")
        }
    }

    /// A warning for each module of the `warning` tier, a problem for each rejected one.
    private mutating func judgeSizes() {
        for module in modules {
            switch module.tier {
            case .warning: warnings.append("\(module.name): \(module.bytes) bytes is in the warning tier; start-up and memory grow with size")
            case .rejected: problems.append("\(module.name): \(module.bytes) bytes is too large to deploy (rejected tier)")
            default: break
            }
        }
    }

    private static func report(name: String, bytes: Int, module: Module, signatures: JSON?,
                               thresholds: DeploymentTier.Thresholds) -> ModuleReport {
        let binary = module.binary
        let memories = binary.memories
        let bindings: [String]
        if let signatures, let functions = signatures["functions"]?.objectValue {
            bindings = functions.map(\.key).sorted()
        } else if module.isBindgenModule, let found = try? Bindings(module: module) {
            bindings = found.functions.map(\.name) + found.classes.map { "class \($0.name)" }
        } else {
            bindings = []
        }
        return ModuleReport(
            name: name, bytes: bytes, tier: DeploymentTier.of(size: bytes, thresholds: thresholds),
            functions: binary.functions.count,
            initialPages: memories.reduce(0) { $0 + $1.limits.min },
            maximumPages: memories.isEmpty || memories.contains { $0.limits.max == nil } ? nil : memories.reduce(0) { $0 + ($1.limits.max ?? 0) },
            dataBytes: binary.data.reduce(0) { if case .active = $1.mode { $0 + $1.bytes.count } else { $0 } },
            tableElements: binary.tables.reduce(0) { $0 + $1.limits.min },
            imports: module.imports.map { "\($0.module).\($0.name)" },
            bindings: bindings, coldStart: ColdStartEstimate(bytes: bytes))
    }

    /// The report as one JSON object: `verdict`, `modules`, and for a plugin `memoryBudget`;
    /// `problems` and `warnings` when there are any.
    public var json: JSON {
        var object: JSONObject = ["verdict": .string(verdict), "modules": .array(modules.map(\.json))]
        if let memoryBudget {
            object["memoryBudget"] = JSON(memoryBudget)
            object["initialMemoryBytes"] = JSON(modules.reduce(0) { $0 + $1.initialMemoryBytes })
        }
        if !problems.isEmpty { object["problems"] = .array(problems.map { .string($0) }) }
        if !warnings.isEmpty { object["warnings"] = .array(warnings.map { .string($0) }) }
        return .object(object)
    }
}

extension DeploymentReport.ModuleReport {
    var json: JSON {
        [
            "name": .string(name), "bytes": JSON(bytes), "tier": .string(tier.rawValue), "functions": JSON(functions),
            "memory": [
                "initialPages": JSON(initialPages), "maximumPages": maximumPages.map { JSON($0) } ?? .null,
                "dataBytes": JSON(dataBytes), "tableElements": JSON(tableElements), "initialBytes": JSON(initialMemoryBytes),
            ],
            "imports": .array(imports.map { .string($0) }),
            "bindings": .array(bindings.map { .string($0) }),
            "coldStartMicroseconds": [
                "expected": JSON(Int(coldStart.expectedMicroseconds.rounded())), "low": JSON(Int(coldStart.lowMicroseconds.rounded())),
                "high": JSON(Int(coldStart.highMicroseconds.rounded())),
            ],
        ]
    }
}
