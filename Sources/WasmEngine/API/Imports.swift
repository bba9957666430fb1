import WasmBinary

/// What a module's imports are satisfied with, by module and field name.
public struct Imports: Sendable {
    private var entries: [Name: [Name: Extern]] = [:]

    public init() {}

    public subscript(module: Name, name: Name) -> Extern? {
        get { entries[module]?[name] }
        set { entries[module, default: [:]][name] = newValue }
    }

    /// Adds every export of `instance` under the module name `module`.
    public mutating func define(module: Name, exportsOf instance: Instance) {
        for (name, value) in instance.exports { self[module, name] = value }
    }
}
