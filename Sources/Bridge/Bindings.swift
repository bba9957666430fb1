/// What a wasm-bindgen module exports and expects, learned from its own describe functions and
/// custom section: everything needed to call it without JavaScript or hand-written signatures.
public struct Bindings: Sendable, CustomStringConvertible {
    /// The version-table row of the module's `schema_version`.
    public var version: BindgenVersion
    /// The wasm-bindgen crate version the module was built with (0.2.127 writes schema 0.2.122).
    public var crateVersion: String
    /// Free functions.
    public var functions: [BoundFunction]
    /// Exported Rust structs, in the order the custom section first mentions them.
    public var classes: [BoundClass]
    /// Exported C-style enums.
    public var enums: [BoundEnum]
    /// Functions the guest imports from the host (`#[wasm_bindgen] extern "C"`).
    public var imports: [BoundFunction]
    /// wasm-bindgen's own imports the module uses (0.2.105 on: `__wbg___wbindgen_throw_<hash>`,
    /// `JSON.parse`, ...), by wasm import name; the function's name says what it is.
    package var intrinsics: [String: BoundFunction] = [:]
    /// The `#[wasm_bindgen(start)]` function, if any.
    public var start: String?

    /// `wasm-bindgen 0.2.127, schema 0.2.122`: the crate that built the module and the schema
    /// Hearth reads it by, as error messages name them.
    package var versionLabel: String { "wasm-bindgen \(crateVersion), schema \(version.schema)" }

    /// A listing in TypeScript-like syntax: version, functions, classes, enums, imports (what
    /// `hearth inspect` prints for a wasm-bindgen module).
    public var description: String {
        var lines = ["wasm-bindgen \(crateVersion) (schema \(version.schema))"]
        lines += functions.map(\.description)
        for type in classes { lines.append(type.description) }
        for type in enums {
            lines.append("enum \(type.name) { " + type.variants.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + " }")
        }
        lines += imports.map { "import " + $0.description }
        if let start { lines.append("start: \(start)") }
        return lines.joined(separator: "\n")
    }
}

/// A function (or method) with its parameter names and types.
public struct BoundFunction: Sendable, CustomStringConvertible {
    /// The name in Rust / JS (`add`).
    public var name: String
    /// The wasm export (or, for an import, the imported shim) the call goes through: `add`,
    /// `counter_increment` for a method, `__wbg_log_...` for an import.
    public var wasmName: String
    /// The parameter names from the Rust source; may be shorter than the argument list.
    public var argumentNames: [String]
    /// Argument and result types.
    public var signature: FunctionDescriptor
    /// For imports: the host's error becomes a `Result` in Rust (`catch`).
    public var catches = false

    /// `name: type, ...` for the arguments.
    public var parameterList: String {
        signature.arguments.enumerated().map { index, type in
            (index < argumentNames.count ? argumentNames[index] : "arg\(index)") + ": \(type)"
        }.joined(separator: ", ")
    }

    /// `name(a: i32, b: i32) -> i32`, with ` catches` for a `catch` import.
    public var description: String {
        let result = signature.result == .unit ? "" : " -> \(signature.result)"
        return "\(name)(\(parameterList))\(result)" + (catches ? " catches" : "")
    }
}

/// An exported Rust struct: a class whose instances live in guest memory behind a handle.
public struct BoundClass: Sendable, CustomStringConvertible {
    /// How a method receives the object it is called on.
    public enum Receiver: Sendable {
        /// `&self` or `&mut self`: the handle stays valid.
        case borrowed
        /// `self`: the call uses the object up.
        case consumed
        /// A static method: no handle.
        case none
    }

    /// A method: the function (its signature excludes `self`) and how it takes the object.
    public struct Method: Sendable {
        /// Name, wasm export (`<lowercase class>_<name>`) and signature.
        public var function: BoundFunction
        /// Borrowed, consumed, or none for a static method.
        public var receiver: Receiver
    }

    /// A `pub` field, read and written through generated getter and setter exports.
    public struct Field: Sendable {
        /// The field's name in Rust.
        public var name: String
        /// The field's type.
        public var type: Descriptor
        /// True for `#[wasm_bindgen(readonly)]` fields, which have no setter.
        public var readonly: Bool
    }

    /// The struct's name in Rust.
    public var name: String
    /// The `#[wasm_bindgen(constructor)]` function, if the class has one.
    public var constructor: BoundFunction?
    /// Instance and static methods, getters and setters included.
    public var methods: [Method]
    /// The public fields.
    public var fields: [Field]
    /// The export that frees an instance: `__wbg_<lowercase name>_free`.
    package var freeFunction: String { "__wbg_\(name.lowercased())_free" }

    /// A TypeScript-like class declaration, one member a line.
    public var description: String {
        var lines = ["class \(name) {"]
        if let constructor {
            lines.append("  constructor(\(constructor.parameterList))")
        }
        for field in fields { lines.append("  \(field.readonly ? "readonly " : "")\(field.name): \(field.type)") }
        for method in methods {
            let prefix = method.receiver == .none ? "static " : method.receiver == .consumed ? "consuming " : ""
            lines.append("  " + prefix + method.function.description)
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

/// An exported C-style enum: its Rust name and its variants' values.
public struct BoundEnum: Sendable {
    /// The enum's name in Rust.
    public var name: String
    /// Each variant's name and discriminant, in declaration order.
    public var variants: [(name: String, value: UInt32)]
}
