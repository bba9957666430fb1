/// What a wasm-bindgen module exports and expects, learned from its own describe functions and
/// custom section: everything needed to call it without JavaScript or hand-written signatures.
public struct Bindings: Sendable, CustomStringConvertible {
    public var version: BindgenVersion
    /// Free functions.
    public var functions: [BoundFunction]
    public var classes: [BoundClass]
    public var enums: [ProgramSection.EnumRecord]
    /// Functions the guest imports from the host (`#[wasm_bindgen] extern "C"`).
    public var imports: [BoundFunction]
    /// The `#[wasm_bindgen(start)]` function, if any.
    public var start: String?

    public var description: String {
        var lines = ["wasm-bindgen \(version.version)"]
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
    /// The name in Rust / JS (`add`), and the wasm export or import it goes through.
    public var name: String
    public var wasmName: String
    public var argumentNames: [String]
    public var signature: FunctionDescriptor
    /// For imports: the host's error becomes a `Result` in Rust (`catch`).
    public var catches = false

    /// `name: type, ...` for the arguments.
    public var parameterList: String {
        signature.arguments.enumerated().map { index, type in
            (index < argumentNames.count ? argumentNames[index] : "arg\(index)") + ": \(type)"
        }.joined(separator: ", ")
    }

    public var description: String {
        let result = signature.result == .unit ? "" : " -> \(signature.result)"
        return "\(name)(\(parameterList))\(result)" + (catches ? " catches" : "")
    }
}

/// An exported Rust struct: a class whose instances live in guest memory behind a handle.
public struct BoundClass: Sendable, CustomStringConvertible {
    public enum Receiver: Sendable {
        /// `&self` or `&mut self`: the handle stays valid.
        case borrowed
        /// `self`: the call uses the object up.
        case consumed
        /// A static method: no handle.
        case none
    }

    public struct Method: Sendable {
        public var function: BoundFunction
        public var receiver: Receiver
    }

    public struct Field: Sendable {
        public var name: String
        public var type: Descriptor
        public var readonly: Bool
    }

    public var name: String
    public var constructor: BoundFunction?
    public var methods: [Method]
    public var fields: [Field]
    /// The export that frees an instance: `__wbg_<lowercase name>_free`.
    public var freeFunction: String { "__wbg_\(name.lowercased())_free" }

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
