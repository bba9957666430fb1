import CWasmEngine
import WasmBinary

/// What a host function can see of its caller: the store, and the instance that made the
/// call, through which it reads the guest's memory or calls back into the guest.
public struct Caller {
    /// The store the call runs in.
    public let store: Store

    @usableFromInline init(store: Store) {
        self.store = store
    }

    /// The instance whose code made the call; nil when Swift called the host function
    /// directly, outside any guest call.
    public var instance: Instance? {
        store.context.pointee.instance.flatMap(store.instance)
    }

    /// Memory 0 of the instance that made the call, if it has one (the others:
    /// `instance?.memory(at:)`).
    public var memory: Memory? {
        guard let instance = store.context.pointee.instance else { return nil }
        let memory = instance.pointee.memory!
        return memory == store.noMemory ? nil : Memory(handle: memory, store: store)
    }
}

/// A host function as the interpreter sees it: a type, and a body that reads its arguments
/// from frame slots and writes its results over them. It belongs to no store; each store it is
/// used in makes its own `HFunc` pointing here (`Store.function(for:)`).
///
/// Typed definitions (`Linker.define(_:_:_:)`, Generated/TypedHostFunctions.swift) build the
/// body from a closure over Swift values, so a call converts each slot straight to its
/// parameter: no `[Value]`, no boxing, no allocation.
@usableFromInline
final class HostFunction {
    let type: FunctionType
    let typeID: UInt32
    let parameterSlots: UInt32
    let resultSlots: UInt32
    let body: (Caller, UnsafeMutablePointer<UInt64>) throws -> Void

    @usableFromInline
    init(type: FunctionType, body: @escaping (Caller, UnsafeMutablePointer<UInt64>) throws -> Void) {
        self.type = type
        typeID = TypeRegistry.id(of: type)
        parameterSlots = UInt32(type.parameters.reduce(0) { $0 + $1.slotCount })
        resultSlots = UInt32(type.results.reduce(0) { $0 + $1.slotCount })
        self.body = body
    }

    /// A host function over `Value`s: arguments unpacked into an array, results checked
    /// against the type. The flexible form, for types known only at run time.
    convenience init(type: FunctionType, values body: @escaping (Caller, [Value]) throws -> [Value]) {
        self.init(type: type) { caller, slots in
            var arguments: [Value] = []
            var offset = 0
            for parameter in type.parameters {
                arguments.append(Value.load(parameter, from: slots + offset, store: caller.store))
                offset += parameter.slotCount
            }
            let results = try body(caller, arguments)
            guard results.count == type.results.count, zip(results, type.results).allSatisfy({ $0.fits($1) }) else {
                throw CallError("host function returned \(results.map(\.type)) but its type says \(type.results)")
            }
            offset = 0
            for result in results {
                result.store(to: slots + offset)
                offset += result.type.slotCount
            }
        }
    }
}

/// The single C entry point of all host functions: runs the body on the caller's slots and
/// turns a thrown error into a trap status (the error waits in the store, and comes out of
/// the outermost call unchanged).
///
/// The host function and the store are borrowed, not retained: the store retains both for
/// longer than any call, and a retain and release of each cost more than a typed body.
let hostTrampoline: HHostFunction = { context, function, slots in
    Unmanaged<HostFunction>.fromOpaque(function!.pointee.hostData)._withUnsafeGuaranteedRef { host in
        Unmanaged<Store>.fromOpaque(context!.pointee.owner)._withUnsafeGuaranteedRef { store in
            do {
                try host.body(Caller(store: store), slots!)
                return 0
            } catch let exception as WasmException where exception.tag.store === store {
                // Thrown into the guest: it unwinds from the call.
                guard let thrown = exception.guestException(in: store.context) else {
                    store.pendingHostError = CallError("the exception's values do not fit tag \(exception.tag.name ?? "(unnamed)")")
                    return Int32(HTRAP_HOST_ERROR.rawValue)
                }
                store.context.pointee.thrown = thrown
                return Int32(HTRAP_EXCEPTION.rawValue)
            } catch {
                store.pendingHostError = error
                return Int32(HTRAP_HOST_ERROR.rawValue)
            }
        }
    }
}

extension Function {
    /// A function implemented in Swift, living in `store`: for a table, a global or a
    /// `funcref` argument, or to define in a `Linker`. `body` receives arguments matching
    /// `type.parameters` and must return values matching `type.results`. An error it throws
    /// stops the guest and comes out of the outermost `call` unchanged.
    ///
    /// Arguments and results go through `[Value]` arrays; `Linker.define(_:_:_:)` with a
    /// typed closure reads and writes the slots directly.
    public init(store: Store, type: FunctionType, body: @escaping (Caller, [Value]) throws -> [Value]) {
        self.init(handle: store.function(for: HostFunction(type: type, values: body)), store: store)
    }
}
