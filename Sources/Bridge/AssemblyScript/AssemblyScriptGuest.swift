import JSON
import WasmBinary
import WasmEngine

/// A module compiled by AssemblyScript (with its runtime exported, `--exportRuntime`),
/// called with JSON values through AssemblyScript's runtime ABI: strings, `ArrayBuffer`s, typed
/// arrays, `Array<T>` and `StaticArray<T>` are objects in the guest's heap, made with `__new`
/// and pinned (`__pin`) while the call is made, each with the 20-byte header AssemblyScript
/// puts before every object (class id at -8, payload size at -4). The types come from the
/// module's sidecar (`ASSignatures`). The imports `env.abort` (an `AssemblyScriptAbort`),
/// `env.trace` and `env.seed` are provided.
public final class AssemblyScriptGuest {
    public let module: Module
    public let signatures: ASSignatures
    /// The instance the guest runs in (its exports, for modules that import from it).
    public let instance: Instance
    let memory: Memory
    private let new: TypedFunction<(Int32, Int32), Int32>
    private let pin: TypedFunction<Int32, Int32>
    private let unpin: TypedProcedure<Int32>
    /// The trap or abort after which the guest refuses calls: its runtime's state (pins, the
    /// shadow stack) is then unknown.
    public private(set) var poisonedBy: (any Error)?

    /// Whether `module` exports AssemblyScript's runtime (`__new`, `__pin`, `__unpin`) and a
    /// memory.
    public static func isAssemblyScript(_ module: Module) -> Bool {
        let names = Set(module.exports.map(\.name.description))
        return names.isSuperset(of: ["__new", "__pin", "__unpin", "memory"])
    }

    /// Instantiates `module`, runs its `_start` if it exports one (`--exportStart`), and checks
    /// that every export the signatures name exists. `trace` receives `env.trace`'s message and
    /// its significant numbers (by default they go nowhere).
    public convenience init(module: Module, signatures: ASSignatures, trace: @escaping (String, [Double]) -> Void = { _, _ in }) throws {
        let owned = OwnedStore(engine: module.engine)
        try self.init(module: module, signatures: signatures, store: owned.store, linker: Linker(), trace: trace)
        ownedStore = owned
    }

    /// The store the guest made for itself, if it did: closed when the guest is released.
    private var ownedStore: OwnedStore?

    /// Instantiates `module` in `store`, which may hold other instances (the other modules of a
    /// plugin), as `init(module:signatures:trace:)` does: an import `linker` defines is taken
    /// from it, `env.abort`, `env.trace` and `env.seed` are Hearth's where it does not, and
    /// any other import is an error.
    public init(module: Module, signatures: ASSignatures, store: Store, linker: Linker,
                trace: @escaping (String, [Double]) -> Void = { _, _ in }) throws {
        self.module = module
        self.signatures = signatures
        var linker = linker
        if !linker.defines("env", "abort") {
            linker.define("env", "abort") { (caller: Caller, message: Int32, file: Int32, line: Int32, column: Int32) in
                let memory = caller.memory
                throw AssemblyScriptAbort(
                    guestMessage: memory.flatMap { try? Self.string(at: message, in: $0) },
                    file: memory.flatMap { try? Self.string(at: file, in: $0) },
                    line: UInt32(bitPattern: line), column: UInt32(bitPattern: column))
            }
        }
        if !linker.defines("env", "trace") {
            linker.define("env", "trace") {
                (caller: Caller, message: Int32, count: Int32, a0: Double, a1: Double, a2: Double, a3: Double, a4: Double) in
                let text = caller.memory.flatMap { try? Self.string(at: message, in: $0) } ?? ""
                trace(text, Array([a0, a1, a2, a3, a4].prefix(Int(max(0, min(count, 5))))))
            }
        }
        if !linker.defines("env", "seed") {
            linker.define("env", "seed") { (_: Caller) -> Double in Double(UInt32.random(in: .min ... .max)) }
        }
        for entry in module.imports where !linker.defines(entry.module, entry.name) {
            throw BridgeError("the AssemblyScript module imports \"\(entry.module)\".\"\(entry.name)\", which Hearth does not provide",
                              remedy: "an AssemblyScript guest may import env.abort, env.trace and env.seed")
        }
        let instance = try linker.instantiate(module, in: store)
        self.instance = instance
        guard let memory = instance.memory(named: "memory") else { throw BridgeError("the AssemblyScript module exports no memory") }
        self.memory = memory
        func runtime(_ name: String) throws -> Function {
            guard let function = instance.function(named: Name(name)) else {
                throw BridgeError("the AssemblyScript module exports no \(name)", remedy: "compile it with --exportRuntime")
            }
            return function
        }
        new = try runtime("__new").typed(Int32.self, Int32.self, returning: Int32.self)
        pin = try runtime("__pin").typed(Int32.self, returning: Int32.self)
        unpin = try runtime("__unpin").typed(Int32.self)
        for name in signatures.functions.keys where instance.function(named: Name(name)) == nil {
            throw BridgeError("the sidecar describes \(name), which the module does not export")
        }
        if let start = instance.function(named: "_start") { _ = try start.call([]) }
    }

    /// Calls export `name` with JSON arguments converted as its signature says; returns the
    /// result as JSON (`null` for `void` or a null reference). Throws `BridgeError` for a bad
    /// call or a result the host cannot read (naming the function), `AssemblyScriptAbort` when
    /// the guest aborts, `Trap` when it traps.
    public func call(_ name: String, _ arguments: [JSON]) throws -> JSON {
        if let poisonedBy { throw BridgeError("the guest is unusable after an earlier failure (\(poisonedBy))", remedy: "make a new AssemblyScriptGuest") }
        do {
            return try run(name, arguments)
        } catch let error as Trap {
            poisonedBy = error
            throw error
        } catch let error as AssemblyScriptAbort {
            poisonedBy = error
            throw error
        } catch let error as LimitError {
            poisonedBy = error
            throw error
        }
    }

    private func run(_ name: String, _ arguments: [JSON]) throws -> JSON {
        guard let signature = signatures.functions[name], let function = instance.function(named: Name(name)) else {
            throw BridgeError("no function \(name); the sidecar describes: " + signatures.functions.keys.sorted().joined(separator: ", "))
        }
        guard arguments.count == signature.parameters.count else {
            throw BridgeError("\(name) takes \(signature.parameters.count) arguments, \(arguments.count) given")
        }
        var pinned: [Int32] = []
        defer { for object in pinned { try? unpin(object) } }
        var values: [Value] = []
        for (index, (argument, type)) in zip(arguments, signature.parameters).enumerated() {
            let value = try lower(argument, as: type, place: "argument \(index) of \(name)")
            // Every object made for the call stays pinned until it returns: a later `__new`
            // may collect what nothing in the guest refers to yet.
            if type.isManaged, case .i32(let object) = value, object != 0 { pinned.append(try pin(object)) }
            values.append(value)
        }
        let results = try function.call(values)
        return try lift(results.first, as: signature.result, place: "the result of \(name)")
    }

    // MARK: Lowering (JSON → guest)

    private func lower(_ json: JSON, as type: ASType, place: String) throws -> Value {
        switch type {
        case .scalar(let scalar): return try Self.scalarValue(json, scalar, place: place)
        case .nullable(let inner):
            if case .null = json { return .i32(0) }
            return try lower(json, as: inner, place: place)
        case .void: throw BridgeError("\(place) cannot be void")
        default: return .i32(try object(json, type, place: place))
        }
    }

    /// A new object in the guest's heap holding `json` as `type`; returns its address.
    private func object(_ json: JSON, _ type: ASType, place: String) throws -> Int32 {
        switch type {
        case .string:
            guard let text = json.stringValue else { throw BridgeError("\(place) must be a string, not \(json)") }
            return try newString(text)
        case .arrayBuffer:
            let bytes = try Self.elements(json, .u8, place: place)
            let buffer = try new(Int32(bytes.count), ASClass.arrayBuffer)
            try write(bytes, at: buffer)
            return buffer
        case .staticArray(let element):
            let bytes = try Self.elements(json, element, place: place)
            let object = try new(Int32(bytes.count), try classID(of: type))
            try write(bytes, at: object)
            return object
        case .typedArray(let element):
            let bytes = try Self.elements(json, element, place: place)
            let buffer = try pin(try new(Int32(bytes.count), ASClass.arrayBuffer))
            defer { try? unpin(buffer) }
            try write(bytes, at: buffer)
            let view = try new(12, try classID(of: type))
            try write(Self.words([buffer, buffer, Int32(bytes.count)]), at: view)
            return view
        case .array(let element):
            guard let items = json.arrayValue else { throw BridgeError("\(place) must be an array, not \(json)") }
            let align = element.scalar?.alignLog2 ?? 2
            let buffer = try pin(try new(Int32(items.count << align), ASClass.arrayBuffer))
            defer { try? unpin(buffer) }
            let array = try pin(try new(16, try classID(of: type)))
            defer { try? unpin(array) }
            try write(Self.words([buffer, buffer, Int32(items.count << align), Int32(items.count)]), at: array)
            if let scalar = element.scalar {
                try write(try Self.elements(json, scalar, place: place), at: buffer)
            } else {
                // Each string is stored as soon as it is made, so the array keeps it alive.
                for (index, item) in items.enumerated() {
                    guard let text = item.stringValue else { throw BridgeError("\(place)[\(index)] must be a string, not \(item)") }
                    try write(Self.words([try newString(text)]), at: Int(UInt32(bitPattern: buffer)) + index * 4)
                }
            }
            return array
        default:
            throw BridgeError("\(place): \(type) is not an object type")
        }
    }

    private func newString(_ text: String) throws -> Int32 {
        let units = Array(text.utf16)
        let string = try new(Int32(units.count * 2), ASClass.string)
        try write(units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }, at: string)
        return string
    }

    private func write(_ bytes: [UInt8], at address: Int32) throws {
        try write(bytes, at: Int(UInt32(bitPattern: address)))
    }

    private func write(_ bytes: [UInt8], at address: Int) throws {
        try memory.write(bytes, at: address)
    }

    /// The class id of an array type, found in the module's RTTI (`__rtti_base`): the first
    /// class whose flags say that kind of array of that element.
    private func classID(of type: ASType) throws -> Int32 {
        var wanted: UInt32
        let element: ASType
        switch type {
        case .typedArray(let scalar): wanted = ASClass.arrayBufferView; element = .scalar(scalar)
        case .array(let inner): wanted = ASClass.array; element = inner
        case .staticArray(let scalar): wanted = ASClass.staticArray; element = .scalar(scalar)
        default: throw BridgeError("\(type) has no class of its own")
        }
        if let scalar = element.scalar {
            wanted |= 1 << (6 + UInt32(scalar.alignLog2))
            if scalar.isSigned { wanted |= ASClass.signed }
            if scalar.isFloat { wanted |= ASClass.float }
        } else {
            wanted |= 1 << 8 | ASClass.managed  // references: 4 bytes each
        }
        guard case .i32(let base)? = instance.global(named: "__rtti_base")?.value else {
            throw BridgeError("the AssemblyScript module exports no __rtti_base", remedy: "compile it with --exportRuntime")
        }
        let count = try readWord(at: Int(UInt32(bitPattern: base)), place: "the RTTI")
        for id in 0..<min(count, 1 << 16) {
            let flags = try readWord(at: Int(UInt32(bitPattern: base)) + 4 + Int(id) * 4, place: "the RTTI")
            if flags & ASClass.comparedFlags == wanted { return Int32(id) }
        }
        throw BridgeError("the AssemblyScript module has no class for \(type) (its RTTI lists none), so it cannot take one")
    }

    // MARK: Lifting (guest → JSON)

    private func lift(_ value: Value?, as type: ASType, place: String) throws -> JSON {
        switch (type, value) {
        case (.void, _): return .null
        case (.scalar(let scalar), let value?): return try Self.scalarJSON(value, scalar, place: place)
        case (.nullable(let inner), .i32(0)?): _ = inner; return .null
        case (.nullable(let inner), let value?): return try lift(value, as: inner, place: place)
        case (_, .i32(let address)?):
            guard address != 0 else { throw BridgeError("\(place) is null, but its type \(type) is not nullable") }
            return try liftObject(Int(UInt32(bitPattern: address)), type, place: place)
        default: throw BridgeError("\(place) is not a \(type)")
        }
    }

    private func liftObject(_ address: Int, _ type: ASType, place: String) throws -> JSON {
        let (id, size) = try header(of: address, place: place)
        switch type {
        case .string:
            guard id == UInt32(ASClass.string) else { throw BridgeError("\(place) is not a string (class id \(id))") }
            return .string(try string(at: address, size: size, place: place))
        case .arrayBuffer:
            guard id == UInt32(ASClass.arrayBuffer) else { throw BridgeError("\(place) is not an ArrayBuffer (class id \(id))") }
            return try Self.json(try read(at: address, count: Int(size), place: place), .u8, place: place)
        case .staticArray(let element):
            try checkClass(id, of: type, place: place)
            return try Self.json(try read(at: address, count: Int(size), place: place), element, place: place)
        case .typedArray(let element):
            try checkClass(id, of: type, place: place)
            let start = try readWord(at: address + 4, place: place), byteLength = try readWord(at: address + 8, place: place)
            return try Self.json(try read(at: Int(start), count: Int(byteLength), place: place), element, place: place)
        case .array(let element):
            try checkClass(id, of: type, place: place)
            let start = Int(try readWord(at: address + 4, place: place)), length = Int(try readWord(at: address + 12, place: place))
            if let scalar = element.scalar {
                return try Self.json(try read(at: start, count: length << scalar.alignLog2, place: place), scalar, place: place)
            }
            // Elements may share one string: all of them together may not be more than the
            // guest's memory, or a small guest could make the host build gigabytes.
            guard length <= memory.byteCount / 4 else { throw BridgeError("\(place) claims \(length) elements, more than the guest's memory holds") }
            var budget = memory.byteCount
            var items: [JSON] = []
            for index in 0..<length {
                let item = Int(try readWord(at: start + index * 4, place: "\(place)[\(index)]"))
                guard item != 0 else { throw BridgeError("\(place)[\(index)] is null, but \(element) is not nullable") }
                budget -= Int(try header(of: item, place: "\(place)[\(index)]").1)
                guard budget >= 0 else { throw BridgeError("\(place)'s strings are larger together than the guest's memory") }
                items.append(try liftObject(item, element, place: "\(place)[\(index)]"))
            }
            return .array(items)
        default:
            throw BridgeError("\(place): \(type) is not an object type")
        }
    }

    /// Checks an array result's class id against the type's, from the RTTI.
    private func checkClass(_ id: UInt32, of type: ASType, place: String) throws {
        let expected = try classID(of: type)
        guard id == UInt32(expected) else { throw BridgeError("\(place) is not a \(type) (class id \(id), expected \(expected))") }
    }

    /// The class id and payload size in front of the object at `address`.
    private func header(of address: Int, place: String) throws -> (UInt32, UInt32) {
        guard address >= 8 else { throw BridgeError("\(place) points at \(address), before any object could be") }
        return (try readWord(at: address - 8, place: place), try readWord(at: address - 4, place: place))
    }

    private func string(at address: Int, size: UInt32, place: String) throws -> String {
        guard size % 2 == 0 else { throw BridgeError("\(place) is not UTF-16: its size is \(size) bytes, an odd number") }
        return Self.decodeUTF16(try read(at: address, count: Int(size), place: place))
    }

    private func read(at address: Int, count: Int, place: String) throws -> [UInt8] {
        do {
            return try memory.read(at: address, count: count)
        } catch {
            throw BridgeError("\(place) lies outside the guest's memory: \(count) bytes at \(address), memory of \(memory.byteCount) bytes")
        }
    }

    private func readWord(at address: Int, place: String) throws -> UInt32 {
        let bytes = try read(at: address, count: 4, place: place)
        return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The string object at `address` (nil for 0), for the imports.
    static func string(at address: Int32, in memory: Memory) throws -> String? {
        guard address != 0 else { return nil }
        let start = Int(UInt32(bitPattern: address))
        guard start >= 4 else { return nil }
        let size = try memory.read(at: start - 4, count: 4).reversed().reduce(0) { $0 << 8 | Int($1) }
        return decodeUTF16(try memory.read(at: start, count: size & ~1))
    }

    /// UTF-16LE code units as a string; AssemblyScript strings may hold lone surrogates
    /// (WTF-16), which become U+FFFD.
    static func decodeUTF16(_ bytes: [UInt8]) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return String(decoding: units, as: UTF16.self)
    }
}

/// AssemblyScript's fixed class ids and RTTI flag bits (std/assembly/shared/typeinfo.ts).
enum ASClass {
    static let arrayBuffer: Int32 = 1
    static let string: Int32 = 2
    static let arrayBufferView: UInt32 = 1 << 0
    static let array: UInt32 = 1 << 1
    static let staticArray: UInt32 = 1 << 2
    static let signed: UInt32 = 1 << 11
    static let float: UInt32 = 1 << 12
    static let managed: UInt32 = 1 << 14
    /// The kind, value alignment, signedness, float and managed bits: what tells two array
    /// classes apart for the host.
    static let comparedFlags: UInt32 = 0b111 | 0b11111 << 6 | signed | float | managed
}
