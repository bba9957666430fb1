import WasmBinary

/// Defines what modules import, by module and field name — host functions, memories, tables,
/// globals and whole instances — and instantiates modules against those definitions:
///
/// ```swift
/// var linker = Linker()
/// linker.define("env", "log") { (caller: Caller, pointer: Int32, count: Int32) in ... }
/// let instance = try linker.instantiate(module, in: store)
/// ```
///
/// The linker replaces the table of imports Hearth had before (`Imports`), rather than
/// sitting beside it: it does what that table did (externs by name) and more. Host functions
/// defined here belong to no store, so one linker serves every store it instantiates in; each
/// store makes its own entry for a host function the first time it needs one. Memories,
/// tables, globals and functions defined as `Extern`s belong to the store they were made in,
/// and instantiate only there. A later definition of a name replaces the earlier one.
public struct Linker {
    private enum Definition {
        case extern(Extern)
        case host(HostFunction)
    }

    private var definitions: [Name: [Name: Definition]] = [:]

    /// An empty linker.
    public init() {}

    /// Defines `module`.`name` as `extern`: a function, table, memory or global of one store.
    public mutating func define(_ module: Name, _ name: Name, _ extern: Extern) {
        definitions[module, default: [:]][name] = .extern(extern)
    }

    /// Defines every export of `instance` under the module name `module`, so that other
    /// modules can import from it.
    public mutating func define(_ module: Name, instance: Instance) {
        for (name, extern) in instance.exports { define(module, name, extern) }
    }

    /// Defines `module`.`name` as a host function over `Value`s, for signatures known only at
    /// run time: `body` receives arguments matching `type.parameters` and must return values
    /// matching `type.results`. The typed `define(_:_:_:)` costs less per call.
    public mutating func define(
        _ module: Name, _ name: Name, type: FunctionType, _ body: @escaping (Caller, [Value]) throws -> [Value]
    ) {
        define(module, name, host: HostFunction(type: type, values: body))
    }

    /// Defines `module`.`name` as a host function (the typed `define`s end here).
    @usableFromInline
    mutating func define(_ module: Name, _ name: Name, host: HostFunction) {
        definitions[module, default: [:]][name] = .host(host)
    }

    /// Whether the linker defines `module`.`name` (as anything).
    public func defines(_ module: Name, _ name: Name) -> Bool {
        definitions[module]?[name] != nil
    }

    /// What the linker defines for each of `module.imports`, in order, as externs of
    /// `store`. Throws a `LinkError` naming the first import it does not define.
    public func imports(for module: Module, in store: Store) throws(LinkError) -> [Extern] {
        try module.imports.map { (entry) throws(LinkError) -> Extern in
            switch definitions[entry.module]?[entry.name] {
            case .extern(let extern):
                return extern
            case .host(let host):
                return .function(Function(handle: store.function(for: host), store: store))
            case nil:
                let known = definitions[entry.module].map { names in
                    "; \"\(entry.module)\" defines " + names.keys.map { "\"\($0)\"" }.sorted().joined(separator: ", ")
                } ?? "; nothing is defined under \"\(entry.module)\""
                throw LinkError("unknown import \"\(entry.module)\".\"\(entry.name)\" (\(module.describe(entry.descriptor)))" + known,
                                remedy: "define it in the Linker before instantiating")
            }
        }
    }

    /// Instantiates `module` in `store` with the definitions its imports name (see
    /// `Instance.init(module:store:imports:runStart:)`). Throws `LinkError` for an import that
    /// is missing or of the wrong type, naming the import and both types, or the `Trap` of a
    /// segment or the start function.
    public func instantiate(_ module: Module, in store: Store, runStart: Bool = true) throws -> Instance {
        try Instance(module: module, store: store, imports: imports(for: module, in: store), runStart: runStart)
    }
}
