import JSON
import WasmEngine

/// An instance of a guest class. Freed deterministically: by `free()`, by a consuming method,
/// or when the last reference to this object goes away.
public final class GuestObject {
    /// The class: its name, methods and fields.
    public let type: BoundClass
    /// The guest's pointer; 0 once freed or consumed.
    public private(set) var handle: UInt32
    let guest: Guest

    init(guest: Guest, type: BoundClass, handle: UInt32) {
        self.guest = guest
        self.type = type
        self.handle = handle
        guest.liveObjects[handle] = WeakObject(object: self)
    }

    /// The object as a JSON argument: `{"class": name, "handle": n}`. Passing it to a
    /// parameter that takes the class by value uses this object up.
    public var json: JSON {
        ["class": .string(type.name), "handle": .integer(Int64(handle))]
    }

    /// Called when the guest took ownership of the object (a by-value argument).
    func markConsumed() {
        guest.liveObjects[handle] = nil
        handle = 0
    }

    /// Calls a method with JSON arguments.
    public func call(_ method: String, _ arguments: [JSON] = []) throws -> JSON {
        guard handle != 0 else { throw BridgeError("this \(type.name) was freed or consumed") }
        guard let bound = type.methods.first(where: { $0.function.name == method }) else {
            throw BridgeError("\(type.name) has no method \(method); methods: " + type.methods.map(\.function.name).joined(separator: ", "))
        }
        var arguments = arguments
        let receiver: UInt32? = bound.receiver == .none ? nil : handle
        defer { if bound.receiver == .consumed { markConsumed() } }
        return try guest.invoke(bound.function.wasmName, arguments: &arguments, function: bound.function, receiver: receiver)
    }

    /// Reads a public field (through the guest's `__wbg_get_<class>_<field>` export).
    public func get(_ field: String) throws -> JSON {
        let declared = try self.field(field)
        return try guest.invoke("__wbg_get_\(type.name.lowercased())_\(field)", arguments: [],
                                descriptor: FunctionDescriptor(shimIndex: 0, arguments: [], result: declared.type), receiver: handle)
    }

    /// Writes a public field (`__wbg_set_<class>_<field>`); readonly fields have no setter.
    public func set(_ field: String, to value: JSON) throws {
        let declared = try self.field(field)
        guard !declared.readonly else { throw BridgeError("\(type.name).\(field) is readonly") }
        _ = try guest.invoke("__wbg_set_\(type.name.lowercased())_\(field)", arguments: [value],
                             descriptor: FunctionDescriptor(shimIndex: 0, arguments: [declared.type], result: .unit), receiver: handle)
    }

    private func field(_ name: String) throws -> BoundClass.Field {
        guard handle != 0 else { throw BridgeError("this \(type.name) was freed or consumed") }
        guard let field = type.fields.first(where: { $0.name == name }) else {
            throw BridgeError("\(type.name) has no public field \(name)")
        }
        return field
    }

    /// Frees the guest object now. Calling it again does nothing.
    public func free() throws {
        guard handle != 0, guest.poisonedBy == nil else { return }
        let handle = self.handle
        self.handle = 0
        guest.liveObjects[handle] = nil
        do {
            let function = try guest.export(type.freeFunction)
            if guest.bindings.version.classFreeTakesFlag {
                // allow_delayed = 0: the object is not borrowed, free it now.
                try function.typed(Int32.self, Int32.self)(Int32(bitPattern: handle), 0)
            } else {
                try function.typed(Int32.self)(Int32(bitPattern: handle))
            }
        } catch let trap as Trap {
            // The guest's destructor (a Zig `deinit`, say) trapped: its state is unknown.
            guest.poisonedBy = trap
            throw trap
        }
    }

    deinit { try? free() }
}

/// A weak reference to a `GuestObject`, so the registry does not keep objects alive.
struct WeakObject {
    weak var object: GuestObject?
}
