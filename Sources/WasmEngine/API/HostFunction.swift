import CWasmEngine
import WasmBinary

/// What a host function can see of its caller.
public struct Caller {
    let store: Store

    /// The memory of the instance that made the call, if it has one.
    public var memory: Memory? {
        guard let instance = store.context.pointee.instance else { return nil }
        let memory = instance.pointee.memory!
        return memory == store.noMemory ? nil : Memory(handle: memory, store: store)
    }
}

/// The closure behind a host function, kept alive by its store.
final class HostFunctionBox {
    let type: FunctionType
    let body: (Caller, [Value]) throws -> [Value]
    unowned let store: Store

    init(type: FunctionType, store: Store, body: @escaping (Caller, [Value]) throws -> [Value]) {
        self.type = type
        self.body = body
        self.store = store
    }
}

/// The single C entry point of all host functions: unpacks the slots, runs the closure,
/// and turns a thrown error into a trap status (the error waits in the store).
private let hostTrampoline: HHostFunction = { _, function, slots in
    let box = Unmanaged<HostFunctionBox>.fromOpaque(function!.pointee.hostData).takeUnretainedValue()
    let store = box.store
    var arguments: [Value] = []
    var offset = 0
    for type in box.type.parameters {
        arguments.append(Value.load(type, from: slots! + offset, store: store))
        offset += type.slotCount
    }
    do {
        let results = try box.body(Caller(store: store), arguments)
        guard results.count == box.type.results.count,
              zip(results, box.type.results).allSatisfy({ $0.type == $1 }) else {
            throw CallError("host function returned \(results.map(\.type)) but its type says \(box.type.results)")
        }
        offset = 0
        for result in results {
            result.store(to: slots! + offset)
            offset += result.type.slotCount
        }
        return 0
    } catch {
        store.pendingHostError = error
        return Int32(HTRAP_HOST_ERROR.rawValue)
    }
}

extension Function {
    /// A function implemented in Swift. `body` receives arguments matching `type.parameters`
    /// and must return values matching `type.results`. An error it throws stops the guest and comes
    /// out of the outermost `call` unchanged.
    public init(store: Store, type: FunctionType, body: @escaping (Caller, [Value]) throws -> [Value]) {
        let box = HostFunctionBox(type: type, store: store, body: body)
        store.retained.append(box)
        let slots = { (types: [ValueType]) in UInt32(types.reduce(0) { $0 + $1.slotCount }) }
        let handle = store.allocate(HFunc(
            code: nil, instance: nil, host: hostTrampoline,
            hostData: Unmanaged.passUnretained(box).toOpaque(),
            typeID: TypeRegistry.id(of: type),
            paramSlots: slots(type.parameters), resultSlots: slots(type.results),
            localSlots: 0, frameSlots: 0))
        self.init(handle: handle, store: store)
    }
}
