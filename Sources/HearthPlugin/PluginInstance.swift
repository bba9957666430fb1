import Bridge
import HearthWASI
import JSON
import WasmBinary
import WasmEngine

/// Every module of a plugin instantiated in one `Store`, in dependency order, each importing
/// the others' exports; callable by export name (`call(_:_:)`).
///
/// Each module has its own memory; the store holds them all. An instance is used by one
/// thread at a time, like its store (`Plugin.withInstance(_:)` lends each caller its own).
/// A call that traps or is otherwise stopped mid-guest leaves the instance **poisoned**: its
/// modules may be half-way through updating their memories, so later calls are refused
/// (`PluginError` E607) and the plugin's pool drops it.
public final class PluginInstance: @unchecked Sendable {
    /// One module's instance: through the bridge for a wasm-bindgen guest, plain otherwise.
    private enum Member {
        case plain(Instance)
        case guest(Guest)
        case assemblyScript(AssemblyScriptGuest)

        var instance: Instance {
            switch self {
            case .plain(let instance): instance
            case .guest(let guest): guest.instance
            case .assemblyScript(let guest): guest.instance
            }
        }
    }

    /// The compiled plugin this is an instance of.
    public let plugin: Plugin
    /// The store every module of the plugin lives in.
    public let store: Store
    /// In `plugin.members`' order.
    private let members: [Member]
    /// What stopped an earlier call; while set, calls are refused.
    public private(set) var poisonedBy: (any Error)?

    /// Instantiates every module of `plugin` in a new store, in dependency order: what the
    /// modules after it import from a module (by its key, or its key without `.wasm`) is its
    /// exports; a reactor's `_initialize` runs when its module is instantiated. The store's
    /// memory limit is the manifest's `memoryBytes`, for all modules together. Throws
    /// `PluginError` (E602) naming the module whose imports the engine or the bridge refuses,
    /// a `LimitError` naming the module whose memories pass the budget, and the trap of a
    /// start function.
    init(plugin: Plugin) throws {
        self.plugin = plugin
        let limits = plugin.manifest.limits
        let store = Store(engine: plugin.engine, memoryLimit: Int(clamping: limits.memoryBytes))
        self.store = store
        do {
            // Start functions and `_initialize` run under the limits of a call.
            members = try Self.withLimits(limits, on: store) { try Self.instantiate(plugin, in: store) }
        } catch {
            store.close()  // what was instantiated before the error
            throw error
        }
    }

    /// Runs `body` with the store's fuel and deadline set afresh from `limits`, so each call
    /// has all of both (fuel is otherwise shared by the store's calls); the deadline is
    /// cleared afterwards. A `LimitError` says which manifest limit stopped the call.
    private static func withLimits<R>(_ limits: PluginLimits, on store: Store, _ body: () throws -> R) throws -> R {
        if let fuel = limits.fuel { store.fuel = fuel }
        if let timeout = limits.timeoutMs { store.setDeadline(after: .milliseconds(timeout)) }
        defer { if limits.timeoutMs != nil { store.clearDeadline() } }
        do {
            return try body()
        } catch var error as LimitError {
            switch error.limit {
            case .fuel: error.remedy = "the manifest's limits.fuel allows \(limits.fuel ?? 0) instructions a call"
            case .deadline: error.remedy = "the manifest's limits.timeoutMs allows \(limits.timeoutMs ?? 0) ms a call"
            case .memory: error.remedy = "the manifest's limits.memoryBytes allows \(limits.memoryBytes) bytes for all the plugin's memories and tables"
            case .interrupt: break
            }
            throw error
        }
    }

    /// Each module of `plugin` instantiated in `store`, in `plugin.members`' order.
    private static func instantiate(_ plugin: Plugin, in store: Store) throws -> [Member] {
        var linker = plugin.baseLinker
        if let configuration = plugin.wasiConfiguration { try WASI(configuration: configuration).define(in: &linker) }
        var members: [Member] = []
        members.reserveCapacity(plugin.members.count)
        for compiled in plugin.members {
            let member: Member
            do {
                if let bindings = compiled.bindings {
                    member = .guest(try Guest(module: compiled.module, bindings: bindings, imports: plugin.hostImports, store: store, linker: linker))
                } else if let signatures = compiled.assemblyScript {
                    member = .assemblyScript(try AssemblyScriptGuest(module: compiled.module, signatures: signatures, store: store, linker: linker))
                } else {
                    let instance = try linker.instantiate(compiled.module, in: store)
                    try WASI.initialize(instance)
                    member = .plain(instance)
                }
            } catch let error as LinkError {
                throw PluginError(.unsatisfiedImport, "\(compiled.name): \(error.message)", remedy: error.remedy)
            } catch var error as LimitError {
                error.message = "\(compiled.name): \(error.message)"
                throw error
            }
            // Only what later modules import: defining every export would cost more than the
            // instantiation of a small module.
            for (module, name) in compiled.importedAs {
                if let export = member.instance.exports[name] { linker.define(module, name, export) }
            }
            members.append(member)
        }
        return members
    }

    /// Closes the store, which its instances would otherwise keep alive (see `Store.close()`).
    deinit {
        store.close()
    }

    /// Calls an export with JSON arguments and returns its result as JSON. `target` is an
    /// export of the main module (`"add"`) or `module:export` for another module's
    /// (`"math.wasm:add"`, or `"math:add"`). A wasm-bindgen guest's export is called through
    /// the bridge (strings, arrays, objects: see `Guest.call`), an AssemblyScript module's
    /// with the manifest's `signatures` (`AssemblyScriptGuest.call`); a plain module's takes and
    /// returns numbers, converted by its wasm type (i32, i64, f32, f64): no result is `null`,
    /// several are an array.
    ///
    /// Each call runs under the manifest's limits: all of `fuel` and `timeoutMs` (and the
    /// plugin's `callDepth` and `memoryBytes`).
    ///
    /// Throws `PluginError` for a target or arguments that do not fit (E606) and on a poisoned
    /// instance (E607); the bridge's errors; and whatever stopped the guest (a `Trap`, a
    /// `LimitError`, an uncaught `WasmException`, a host function's error, `ProcessExit`),
    /// which poisons the instance.
    public func call(_ target: String, _ arguments: [JSON] = []) throws -> JSON {
        if let poisonedBy {
            throw PluginError(.poisoned, "this instance of the plugin is unusable: an earlier call was stopped (\(poisonedBy))",
                              remedy: "make a new instance; Plugin.withInstance replaces poisoned ones")
        }
        let (index, export) = try resolve(target)
        return try Self.withLimits(plugin.manifest.limits, on: store) { try call(index, export, arguments) }
    }

    /// Calls `export` of member `index`; a stop inside the guest poisons the instance.
    private func call(_ index: Int, _ export: String, _ arguments: [JSON]) throws -> JSON {
        switch members[index] {
        case .guest(let guest):
            do {
                return try guest.call(export, arguments)
            } catch let error as GuestError {
                throw error  // the guest returned an error: it is still sound
            } catch let error as BridgeError where guest.poisonedBy == nil {
                throw error  // arguments or a result the bridge could not convert
            } catch {
                poisonedBy = error
                throw error
            }
        case .assemblyScript(let guest):
            do {
                return try guest.call(export, arguments)
            } catch let error as BridgeError where guest.poisonedBy == nil {
                throw error  // arguments or a result the bridge could not convert
            } catch {
                poisonedBy = error  // a trap, or an abort: the guest's runtime state is unknown
                throw error
            }
        case .plain(let instance):
            let name = plugin.members[index].name
            guard let function = instance.function(named: Name(export)) else {
                let functions = instance.module.exports.compactMap { if case .function = $0.type { $0.name.description } else { nil } }
                throw PluginError(.badCall, "\(name) exports no function \"\(export)\"; its functions: " + functions.joined(separator: ", "))
            }
            let values = try CoreValues.arguments(arguments, for: function.type, function: "\(name):\(export)")
            let results: [Value]
            do {
                results = try function.call(values)
            } catch {
                poisonedBy = error
                throw error
            }
            return CoreValues.json(results)
        }
    }

    /// The engine instance of module `name` (a manifest key, with or without `.wasm`), to
    /// reach its exports directly: typed functions, memories, globals.
    public func instance(of name: String) -> Instance? {
        plugin.memberIndex(named: name).map { members[$0].instance }
    }

    /// The bridge's guest of module `name`, if it is a wasm-bindgen module: for its classes.
    /// Its calls do not poison this instance; prefer `call(_:_:)`.
    public func guest(of name: String) -> Guest? {
        guard let index = plugin.memberIndex(named: name), case .guest(let guest) = members[index] else { return nil }
        return guest
    }

    /// The module and export a call's target names.
    private func resolve(_ target: String) throws(PluginError) -> (Int, String) {
        if let colon = target.firstIndex(of: ":"), let index = plugin.memberIndex(named: String(target[..<colon])) {
            return (index, String(target[target.index(after: colon)...]))
        }
        return (plugin.mainIndex, target)
    }
}
