import Diagnostics
import HearthWASI
import JSON
import WasmBinary
import WasmEngine

/// A function the host provides to a guest's `#[wasm_bindgen] extern "C"` block, by its Rust
/// (JS) name. It receives and returns JSON; throwing makes a `catch` import return `Err`.
public typealias HostImport = ([JSON]) throws -> JSON

/// A wasm-bindgen module, instantiated with the intrinsics its JavaScript glue would provide,
/// and called with JSON values: strings, numbers, booleans, null for `None`, arrays for slices
/// and vectors. No JavaScript, no wasm-bindgen CLI. One thread at a time, like its `Store`.
public final class Guest {
    /// The module's functions, classes and imports, as discovered or as passed in.
    public let bindings: Bindings
    /// The compiled module this guest is an instance of.
    public let module: Module
    let store: Store
    /// The instance the guest runs in (its exports, for modules that import from it).
    public internal(set) var instance: Instance!
    var heap = JsHeap()
    var memory: Memory!
    /// A trap (a Rust panic is one) or a limit that stopped a call (`LimitError`) leaves the
    /// guest's state unknown; later calls are refused.
    public internal(set) var poisonedBy: (any HearthError)?
    var scratch: Int32 = 0
    var malloc: TypedFunction<Int32, Int32>!
    var free: TypedProcedure<(Int32, Int32)>!
    var stackPointer: Global?
    /// The export being called, for error messages.
    var currentFunction = ""
    /// Exports already looked up, by name.
    private var exportCache: [String: Function] = [:]
    /// The objects the host holds, by handle, so a by-value argument can mark its one used up.
    var liveObjects: [UInt32: WeakObject] = [:]

    /// Instantiates `module`. `imports` provides the host functions the guest declares, by name.
    /// `bindings` are the module's, as `Bindings(module:)` discovers them; pass them to skip
    /// discovery when making several guests of one module (discovery runs the module's
    /// describe functions in an interpreter of its own). A guest that imports WASI preview 1
    /// (a Go reactor) gets `wasi`, by default one with no arguments, environment, directories
    /// or input, whose output is discarded; its `_initialize` runs before anything else.
    public convenience init(module: Module, bindings: Bindings? = nil, imports: [String: HostImport] = [:], wasi: WASI? = nil) throws {
        var linker = Linker()
        if module.importsWASI { try (wasi ?? WASI()).define(in: &linker) }
        let owned = OwnedStore(engine: module.engine)
        try self.init(module: module, bindings: bindings, imports: imports, store: owned.store, linker: linker)
        ownedStore = owned
    }

    /// The store the guest made for itself, if it did: closed when the guest is released.
    private var ownedStore: OwnedStore?

    /// Instantiates `module` in `store`, which may hold other instances (the other modules of a
    /// plugin): an import `linker` defines is taken from it, and every other one is a
    /// wasm-bindgen intrinsic or one of `imports`, as in `init(module:bindings:imports:wasi:)`.
    /// The guest is then used on `store`'s thread, like everything in it.
    public init(module: Module, bindings: Bindings? = nil, imports: [String: HostImport] = [:], store: Store, linker: Linker) throws {
        self.module = module
        self.bindings = try bindings ?? Bindings(module: module)
        self.store = store
        var linker = linker
        for entry in module.imports where !linker.defines(entry.module, entry.name) {
            guard case .function(let typeIndex) = entry.descriptor else {
                throw LinkError("the guest imports \(entry.module).\(entry.name), which is not a function")
            }
            let type = module.binary.types[Int(typeIndex)]
            linker.define(entry.module, entry.name, .function(try intrinsic(entry, type: type, imports: imports)))
        }
        instance = try linker.instantiate(module, in: store)
        try WASI.initialize(instance)
        guard let memory = instance.memory(named: "memory") else { throw BridgeError("the guest exports no memory") }
        self.memory = memory
        malloc = try export("__wbindgen_malloc").typed(Int32.self, returning: Int32.self)
        free = try export("__wbindgen_free").typed(Int32.self, Int32.self)
        // Results come back through a return pointer: one scratch area per instance suffices,
        // since calls do not nest.
        scratch = try malloc(32)
        stackPointer = instance.global(at: 0).flatMap { $0.type == GlobalType(valueType: .i32, isMutable: true) ? $0 : nil }
        if let start = self.bindings.start { _ = try invoke(start, arguments: [], descriptor: FunctionDescriptor(shimIndex: 0, arguments: [], result: .unit), receiver: nil) }
    }

    func export(_ name: String) throws -> Function {
        if let function = exportCache[name] { return function }
        guard let function = instance.function(named: Name(name)) else { throw BridgeError("the guest exports no \(name)") }
        exportCache[name] = function
        return function
    }

    /// Calls a free function with JSON arguments and returns its result as JSON (`null` for
    /// no result). Buffers passed for `&mut [T]` are copied back into `arguments`.
    public func call(_ name: String, _ arguments: inout [JSON]) throws -> JSON {
        guard let function = bindings.functions.first(where: { $0.name == name }) else {
            throw BridgeError("no function \(name); functions: " + bindings.functions.map(\.name).joined(separator: ", "))
        }
        return try invoke(function.wasmName, arguments: &arguments, function: function, receiver: nil)
    }

    /// Calls a free function with JSON arguments and returns its result as JSON (`null` for
    /// no result). Throws `BridgeError` for a bad call, `GuestError` when the guest returns
    /// `Err` or throws, `Trap` when it traps.
    public func call(_ name: String, _ arguments: [JSON] = []) throws -> JSON {
        var arguments = arguments
        return try call(name, &arguments)
    }

    /// Calls a function and converts its result (`String`, `Int`, `Double`, `Bool`, `JSON`).
    public func call<T: JSONConvertible>(_ name: String, _ arguments: any JSONConvertible...) throws -> T {
        try T(json: call(name, arguments.map(\.json)))
    }

    /// Constructs an instance of an exported class.
    public func construct(_ className: String, _ arguments: [JSON] = []) throws -> GuestObject {
        let type = try boundClass(className)
        guard let constructor = type.constructor else { throw BridgeError("class \(className) has no constructor") }
        var arguments = arguments
        let result = try invoke(constructor.wasmName, arguments: &arguments, function: constructor, receiver: nil)
        guard let handle = result["handle"]?.integerValue else { throw BridgeError("\(className) constructor returned \(result)") }
        return GuestObject(guest: self, type: type, handle: UInt32(handle))
    }

    /// Wraps a handle the guest returned (a function returning a class) in an object that
    /// frees it.
    public func object(className: String, handle: UInt32) throws -> GuestObject {
        GuestObject(guest: self, type: try boundClass(className), handle: handle)
    }

    /// Calls a static method of a class.
    public func callStatic(_ className: String, _ method: String, _ arguments: [JSON] = []) throws -> JSON {
        let type = try boundClass(className)
        guard let bound = type.methods.first(where: { $0.function.name == method && $0.receiver == .none }) else {
            throw BridgeError("\(className) has no static method \(method)")
        }
        var arguments = arguments
        return try invoke(bound.function.wasmName, arguments: &arguments, function: bound.function, receiver: nil)
    }

    func boundClass(_ name: String) throws -> BoundClass {
        guard let type = bindings.classes.first(where: { $0.name == name }) else {
            throw BridgeError("no class \(name); classes: " + bindings.classes.map(\.name).joined(separator: ", "))
        }
        return type
    }

    /// JsValues the guest still holds (for leak checks).
    public var liveJsValues: Int { heap.liveCount }

    /// The guest's linear memory size in bytes: it grows when the guest's heap does.
    public var memorySize: Int? { memory?.byteCount }

    // MARK: - Calling

    func invoke(_ wasmName: String, arguments: inout [JSON], function: BoundFunction, receiver: UInt32?) throws -> JSON {
        let signature = function.signature
        guard arguments.count == signature.arguments.count else {
            throw BridgeError("\(function.name) takes \(signature.arguments.count) arguments (\(function.parameterList)), got \(arguments.count)")
        }
        return try invoke(wasmName, arguments: &arguments, descriptor: signature, receiver: receiver, names: function.argumentNames, displayName: function.name)
    }

    func invoke(_ wasmName: String, arguments: [JSON], descriptor: FunctionDescriptor, receiver: UInt32?) throws -> JSON {
        var arguments = arguments
        return try invoke(wasmName, arguments: &arguments, descriptor: descriptor, receiver: receiver, names: [], displayName: wasmName)
    }

    private func invoke(_ wasmName: String, arguments: inout [JSON], descriptor: FunctionDescriptor, receiver: UInt32?,
                        names: [String], displayName: String) throws -> JSON {
        if let poisonedBy {
            let stop = poisonedBy is Trap ? "trap" : "stop by a limit"
            throw BridgeError("the guest is unusable after an earlier \(stop) (\(poisonedBy.message))", remedy: "make a new Guest")
        }
        do {
            return try run(wasmName, arguments: &arguments, descriptor: descriptor, receiver: receiver, names: names, displayName: displayName)
        } catch let error as any HearthError where error is Trap || error is LimitError {
            // Also a trap in the guest's allocator while passing arguments or freeing results.
            poisonedBy = error
            throw error
        }
    }

    private func run(_ wasmName: String, arguments: inout [JSON], descriptor: FunctionDescriptor, receiver: UInt32?,
                     names: [String], displayName: String) throws -> JSON {
        let function = try export(wasmName)
        currentFunction = displayName
        var values: [Value] = []
        let usesReturnPointer = descriptor.result.returnsThroughPointer
        if usesReturnPointer { values.append(.i32(scratch)) }
        if let receiver { values.append(.i32(Int32(bitPattern: receiver))) }
        var lent: [(index: Int, pointer: Int32, count: Int, element: Descriptor)] = []
        let savedStack = stackPointer?.value
        defer { heap.releaseBorrowed() }
        for (index, (argument, type)) in zip(arguments, descriptor.arguments).enumerated() {
            let name = index < names.count ? names[index] : "argument \(index + 1)"
            do {
                values += try lower(argument, as: type)
            } catch let error as BridgeError {
                throw BridgeError("\(displayName): parameter \(name): \(error.message)")
            } catch let trap as Trap {
                // Only the guest's allocator runs here: a trap in it leaves the guest's state unknown.
                poisonedBy = trap
                throw BridgeError("\(displayName): parameter \(name): the guest's allocator trapped (\(trap.message))", remedy: "make a new Guest")
            }
            if case .refMut(.slice(let element)) = type, case .i32(let pointer) = values[values.count - 2] {
                lent.append((index, pointer, argument.arrayValue?.count ?? 0, element))
            }
        }
        // A describe function that does not match its export (a guest ABI library's bug) would
        // otherwise fail in the engine with an error that names no function.
        let wasmType = function.type
        let expectedResults = usesReturnPointer || descriptor.result.unwrapped == .unit ? 0 : 1
        guard values.count == wasmType.parameters.count, zip(values, wasmType.parameters).allSatisfy({ $0.fits($1) }),
              wasmType.results.count == expectedResults else {
            throw BridgeError("\(displayName): its describe function says \(descriptor), which does not fit the export's wasm type \(wasmType)",
                              remedy: "the guest's describe function and export disagree; fix the guest")
        }
        let results: [Value]
        do {
            results = try function.call(values)
        } catch let trap as Trap {
            throw trap
        } catch {
            // A throw leaves the shadow stack pointer where the thrown frame had it.
            if let savedStack { try? stackPointer?.set(savedStack) }
            throw error
        }
        for buffer in lent {
            arguments[buffer.index] = try readArray(pointer: buffer.pointer, count: buffer.count, element: buffer.element)
            try free(buffer.pointer, Int32(buffer.count * (buffer.element.elementSize ?? 1)))
        }
        if usesReturnPointer { return try liftFromReturnPointer(descriptor.result, function: displayName) }
        return try lift(results.first, as: descriptor.result, function: displayName)
    }
}
