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
    var heap: JsHeap
    var memory: Memory!
    /// A trap (a Rust panic is one) or a limit that stopped a call (`LimitError`) leaves the
    /// guest's state unknown; later calls are refused.
    public internal(set) var poisonedBy: (any HearthError)?
    var scratch: Int32 = 0
    /// `__wbindgen_malloc(size, align)`; the alignment is dropped for versions without one.
    var malloc: ((Int32, Int32) throws -> Int32)!
    /// `__wbindgen_free(ptr, size, align)`; likewise.
    var free: ((Int32, Int32, Int32) throws -> Void)!
    /// The `&mut [T]` arguments of the current call by the JsValue index they were passed with
    /// (0.2.84 on): their element type, and what the guest copied back.
    var copiedBack: [Int32: (element: Descriptor, copy: JSON?)] = [:]
    /// The words a cast described itself with, until its `__wbindgen_describe_cast` call.
    var castWords: [UInt32] = []
    /// The guest memory a cast's result is returned in (allocated by the first cast).
    var castArea: Int32 = 0
    /// Where wasm-bindgen's `__instance_terminated` flag lives (0.2.106 on), if it is exported.
    var terminatedFlag: Int?
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
        heap = JsHeap(offset: self.bindings.version.jsHeapOffset)
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
        try bindAllocator()
        if case .i32(let address)? = instance.global(named: "__instance_terminated")?.value {
            terminatedFlag = Int(UInt32(bitPattern: address))
        }
        // Results come back through a return pointer: one scratch area per instance suffices,
        // since calls do not nest.
        scratch = try malloc(32, 8)
        stackPointer = instance.global(at: 0).flatMap { $0.type == GlobalType(valueType: .i32, isMutable: true) ? $0 : nil }
        if let start = self.bindings.start { _ = try invoke(start, arguments: [], descriptor: FunctionDescriptor(shimIndex: 0, arguments: [], result: .unit), receiver: nil) }
    }

    /// Binds the guest's allocator with or without alignment, as its version's row says; a
    /// module whose exports disagree with the row is refused, naming the export.
    private func bindAllocator() throws {
        let version = bindings.version
        do {
            if version.allocatorTakesAlignment {
                let malloc = try export("__wbindgen_malloc").typed(Int32.self, Int32.self, returning: Int32.self)
                let free = try export("__wbindgen_free").typed(Int32.self, Int32.self, Int32.self)
                self.malloc = { size, align in try malloc(size, align) }
                self.free = { pointer, size, align in try free(pointer, size, align) }
            } else {
                let malloc = try export("__wbindgen_malloc").typed(Int32.self, returning: Int32.self)
                let free = try export("__wbindgen_free").typed(Int32.self, Int32.self)
                self.malloc = { size, _ in try malloc(size) }
                self.free = { pointer, size, _ in try free(pointer, size) }
            }
        } catch let error as BridgeError {
            throw error
        } catch {
            let expected = version.allocatorTakesAlignment ? "__wbindgen_malloc(size, align) and __wbindgen_free(ptr, size, align)"
                : "__wbindgen_malloc(size) and __wbindgen_free(ptr, size)"
            throw BridgeError("wasm-bindgen schema \(version.schema) has \(expected), but the guest's differ (\(error))",
                              remedy: "the module's custom section states another version than it was built with")
        }
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
        if poisonedBy == nil, let terminatedFlag, word(at: terminatedFlag) != 0 {
            poisonedBy = BridgeError("the guest aborted (its __instance_terminated flag is set)")
        }
        if let poisonedBy {
            let stop = poisonedBy is Trap ? "trap" : poisonedBy is LimitError ? "stop by a limit" : "abort"
            throw BridgeError("the guest is unusable after an earlier \(stop) (\(poisonedBy.message))", remedy: "make a new Guest")
        }
        do {
            return try run(wasmName, arguments: &arguments, descriptor: descriptor, receiver: receiver, names: names, displayName: displayName)
        } catch let error as any HearthError where error is Trap || error is LimitError {
            // Also a trap in the guest's allocator while passing arguments or freeing results.
            poisonedBy = error
            // As wasm-bindgen's JS glue does: the instance is terminated for good.
            if let terminatedFlag { try? memory.write([1, 0, 0, 0], at: terminatedFlag) }
            throw error
        }
    }

    private func run(_ wasmName: String, arguments: inout [JSON], descriptor: FunctionDescriptor, receiver: UInt32?,
                     names: [String], displayName: String) throws -> JSON {
        let function = try export(wasmName)
        currentFunction = displayName
        var values: [Value] = []
        let usesReturnPointer = descriptor.result.returnsThroughPointer(in: bindings.version)
        if usesReturnPointer { values.append(.i32(scratch)) }
        if let receiver { values.append(.i32(Int32(bitPattern: receiver))) }
        var lent: [(index: Int, pointer: Int32, count: Int, element: Descriptor, array: Int32?)] = []
        let savedStack = stackPointer?.value
        defer {
            heap.releaseBorrowed()
            copiedBack.removeAll()
            castWords.removeAll()
        }
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
                // 0.2.84 on, the guest owns the copy and writes it back into the JS array it
                // is passed with (`__wbindgen_copy_to_typed_array`) before freeing it.
                let array = bindings.version.mutableSlicesCopyBack ? heap.add(.json(argument)) : nil
                if let array {
                    values.append(.i32(array))
                    copiedBack[array] = (element, nil)
                }
                lent.append((index, pointer, argument.arrayValue?.count ?? 0, element, array))
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
            if let array = buffer.array {
                if let copy = copiedBack.removeValue(forKey: array)?.copy { arguments[buffer.index] = copy }
                continue
            }
            arguments[buffer.index] = try readArray(pointer: buffer.pointer, count: buffer.count, element: buffer.element)
            let size = buffer.element.elementSize ?? 1
            try free(buffer.pointer, Int32(buffer.count * size), Int32(size))
        }
        if usesReturnPointer { return try liftFromReturnPointer(descriptor.result, function: displayName) }
        return try lift(results.first, as: descriptor.result, function: displayName)
    }
}
