import Hearth

/// The state of a repl: the guest and the objects bound to names.
struct ReplSession {
    /// What the session calls: a wasm-bindgen guest, an AssemblyScript one (functions only), or
    /// a plugin instance (functions only: `add(1, 2)`, `math.wasm:gcd(12, 18)`).
    enum Target {
        case bindgen(Guest)
        case assemblyScript(AssemblyScriptGuest)
        case plugin(PluginInstance)
    }
    let target: Target
    var objects: [String: GuestObject] = [:]

    init(guest: Guest) { target = .bindgen(guest) }
    init(assemblyScript guest: AssemblyScriptGuest) { target = .assemblyScript(guest) }
    init(plugin instance: PluginInstance) { target = .plugin(instance) }

    /// Runs one line: `[let NAME =] TARGET(ARGUMENTS)`, where TARGET is a function, `Class.new`,
    /// `Class.staticMethod` or `name.method`.
    mutating func execute(_ line: String) throws -> JSON {
        var text = Substring(line)
        var binding: String?
        if text.hasPrefix("let ") {
            text = text.dropFirst(4)
            guard let equals = text.firstIndex(of: "=") else { throw BridgeError("expected `let NAME = CALL`") }
            binding = text[..<equals].trimmingCharacters(in: .whitespaces)
            text = text[text.index(after: equals)...]
        }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            throw BridgeError("expected a call such as greet(\"World\")")
        }
        let target = text[..<open].trimmingCharacters(in: .whitespaces)
        let argumentText = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let arguments: [JSON]
        do {
            arguments = try JSON.parse("[" + argumentText + "]").arrayValue ?? []
        } catch {
            throw BridgeError("arguments are not JSON: \(error.message)")
        }
        let (result, object) = try call(target, arguments)
        if let binding {
            if let object {
                objects[binding] = object
            } else if case .bindgen(let guest) = self.target, let handle = result["handle"]?.integer(as: UInt32.self),
                      let className = result["class"]?.stringValue {
                objects[binding] = try guest.object(className: className, handle: handle)
            } else {
                throw BridgeError("only objects can be bound to names; \(target) returned \(result)")
            }
        }
        return result
    }

    /// The result as JSON, and the object when the call constructed one (its only owner).
    mutating func call(_ target: String, _ arguments: [JSON]) throws -> (JSON, GuestObject?) {
        let guest: Guest
        switch self.target {
        case .assemblyScript(let assemblyScript): return (try assemblyScript.call(target, arguments), nil)
        case .plugin(let instance): return (try instance.call(target, arguments), nil)
        case .bindgen(let bindgen): guest = bindgen
        }
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return (try guest.call(target, arguments), nil) }
        let (receiver, member) = (parts[0], parts[1])
        if let object = objects[receiver] {
            if member == "free" {
                try object.free()
                objects[receiver] = nil
                return (.null, nil)
            }
            return (try object.call(member, arguments), nil)
        }
        if member == "new" {
            let object = try guest.construct(receiver, arguments)
            return (["class": .string(object.type.name), "handle": .integer(Int64(object.handle))], object)
        }
        return (try guest.callStatic(receiver, member, arguments), nil)
    }
}
