import Bridge
import HearthWASI
import WasmBinary
import WasmEngine

/// Checks, once per compiled plugin, that every import of every module has a provider, and
/// that a function imported from another module of the plugin has the type the importer
/// expects; finds which modules each imports from. (What only instantiation can check — the
/// limits of a memory or table, a host function's type — the engine checks then, and the
/// plugin instance names the module.)
struct ImportCheck {
    let members: [Plugin.Member]
    let linker: Linker
    let hostImports: [String: HostImport]

    /// A linker with WASI preview 1's functions, to ask which names it provides.
    nonisolated(unsafe) private static let wasiLinker: Linker = {
        var linker = Linker()
        // The default configuration opens nothing but the standard streams, so it cannot fail.
        (try? WASI())?.define(in: &linker)
        return linker
    }()

    /// For each member, the members it imports from; throws `PluginError` (E602) for the first
    /// import nothing provides or that has the wrong type.
    func dependencies() throws(PluginError) -> [[Int]] {
        let (dependencies, problems) = examine()
        if let first = problems.first { throw first }
        return dependencies
    }

    /// For each member, the members it imports from; and a `PluginError` (E602) for every
    /// import nothing provides or that has the wrong type.
    func examine() -> (dependencies: [[Int]], problems: [PluginError]) {
        var problems: [PluginError] = []
        let dependencies = members.map { member -> [Int] in
            var dependencies: [Int] = []
            for entry in member.module.imports {
                do throws(PluginError) {
                    if let provider = try self.provider(of: entry, for: member), !dependencies.contains(provider) {
                        dependencies.append(provider)
                    }
                } catch {
                    problems.append(error)
                }
            }
            return dependencies
        }
        return (dependencies, problems)
    }

    /// The member that provides `entry` to `member`, nil when something else does; throws
    /// when nothing does or the provider's type differs.
    private func provider(of entry: Import, for member: Plugin.Member) throws(PluginError) -> Int? {
        if let provider = Plugin.index(of: entry.module.description, in: members) {
            try check(entry, of: member, against: members[provider])
            return provider
        } else if let bound = member.bindings?.imports.first(where: { $0.wasmName == entry.name.description }),
                  entry.module == "__wbindgen_placeholder__", hostImports[bound.name] == nil {
            throw PluginError(.unsatisfiedImport, "\(member.name) imports the host function \(bound), which the embedder does not provide",
                              remedy: "pass it in the plugin's hostImports, as \"\(bound.name)\"")
        } else if !isProvided(entry, to: member) {
            throw PluginError(.unsatisfiedImport, "\(member.name) imports \"\(entry.module)\".\"\(entry.name)\" "
                + "(\(describe(entry.descriptor, in: member.module))), which nothing provides: it is not a module of the plugin ("
                + members.map(\.name).joined(separator: ", ") + "), WASI, Hearth's config function, or a host function the embedder defined",
                remedy: "add the module that exports it to the manifest, or define it in the Linker given to the plugin")
        }
        return nil
    }

    /// Whether WASI, the configuration function, the embedder's linker or (for a wasm-bindgen
    /// or AssemblyScript guest) the bridge provides `entry`.
    private func isProvided(_ entry: Import, to member: Plugin.Member) -> Bool {
        if linker.defines(entry.module, entry.name) { return true }
        if entry.module == WASI.moduleName { return Self.wasiLinker.defines(entry.module, entry.name) }
        if member.assemblyScript != nil, entry.module == "env", ["abort", "trace", "seed"].contains(entry.name.description) { return true }
        guard let bindings = member.bindings, entry.module == "__wbindgen_placeholder__" || entry.module == "__wbindgen_externref_xform__" else {
            return false
        }
        // A `#[wasm_bindgen] extern "C"` function needs the embedder's implementation; the
        // bridge answers for intrinsics (and names one it does not know when instantiating).
        guard let bound = bindings.imports.first(where: { $0.wasmName == entry.name.description }) else { return true }
        return hostImports[bound.name] != nil
    }

    /// Checks that `provider` exports what `entry` imports, of the same kind, and for a
    /// function of the same type.
    private func check(_ entry: Import, of member: Plugin.Member, against provider: Plugin.Member) throws(PluginError) {
        let expected = describe(entry.descriptor, in: member.module)
        guard let export = provider.module.exports.first(where: { $0.name == entry.name }) else {
            let exported = provider.module.exports.map(\.name.description)
            throw PluginError(.unsatisfiedImport, "\(member.name) imports \"\(entry.module)\".\"\(entry.name)\" (\(expected)), "
                + "which \(provider.name) does not export; it exports " + (exported.isEmpty ? "nothing" : exported.joined(separator: ", ")))
        }
        let mismatch = PluginError(.unsatisfiedImport, "\(member.name) imports \"\(entry.module)\".\"\(entry.name)\" as \(expected), "
            + "but \(provider.name) exports it as \(describeExport(export.name, export.type, in: provider.module))")
        switch (entry.descriptor, export.type) {
        case (.function(let index), .function):
            let wanted = member.module.binary.types[Int(index)]
            guard let given = provider.module.functionType(ofExport: export.name) else { throw mismatch }
            // Types with references to other types are compared by the engine, which knows
            // when two modules' type indices denote the same type.
            let simple = (wanted.parameters + wanted.results + given.parameters + given.results).allSatisfy { !$0.isReference }
            if simple, wanted != given { throw mismatch }
        case (.table, .table), (.memory, .memory), (.global, .global), (.tag, .tag):
            break
        default:
            throw mismatch
        }
    }

    /// An import's kind and type: `func (i32, i32) -> (i32)`, `memory 1..`.
    private func describe(_ type: ExternalType, in module: Module) -> String {
        switch type {
        case .function(let index): "func \(module.binary.types[Int(index)])"
        case .table(let table): "table \(table.elementType) \(table.limits)"
        case .memory(let memory): "memory \(memory.limits)"
        case .global(let global): "global \(global.isMutable ? "mut " : "")\(global.valueType)"
        case .tag(let index): "tag \(module.binary.types[Int(index)])"
        }
    }

    /// An export's kind and type, as `describe` writes an import's.
    private func describeExport(_ name: Name, _ type: ExternalType, in module: Module) -> String {
        if case .function = type, let function = module.functionType(ofExport: name) { return "func \(function)" }
        if case .tag = type { return "a tag" }
        return describe(type, in: module)
    }
}
