import JSON
import WasmBinary
import WasmEngine

/// An error a guest reported: a `Result::Err`, `throw_str`, or an invalid-argument throw.
public struct GuestError: Error, Sendable, CustomStringConvertible {
    public static let code = "HEARTH-E402"
    /// The function that failed.
    public var function: String
    /// The thrown value (an `Error`'s message, a string, or any JSON).
    public var value: JsValueContent

    public var message: String {
        switch value {
        case .error(let message): message
        case .json(.string(let message)): message
        default: value.json.serialized()
        }
    }

    public var description: String { "\(Self.code) \(function) failed: \(message)" }
}

/// A function the host provides to a guest's `#[wasm_bindgen] extern "C"` block, by its Rust
/// (JS) name. It receives and returns JSON; throwing makes a `catch` import return `Err`.
public typealias HostImport = ([JSON]) throws -> JSON

/// A wasm-bindgen module, instantiated with the intrinsics its JavaScript glue would provide,
/// and called with JSON values: strings, numbers, booleans, null for `None`, arrays for slices
/// and vectors. No JavaScript, no wasm-bindgen CLI. One thread at a time, like its `Store`.
public final class Guest {
    public let bindings: Bindings
    public let module: Module
    let store: Store
    var instance: Instance!
    var heap = JsHeap()
    var memory: Memory!
    /// A trap (a Rust panic is one) leaves the guest's state unknown; later calls are refused.
    public private(set) var poisonedBy: Trap?
    private var scratch: Int32 = 0
    private var malloc: TypedFunction<Int32, Int32>!
    private var free: TypedProcedure<(Int32, Int32)>!
    private var stackPointer: Global?
    /// The export being called, for error messages.
    var currentFunction = ""
    /// Exports already looked up, by name.
    private var exportCache: [String: Function] = [:]
    /// The objects the host holds, by handle, so a by-value argument can mark its one used up.
    var liveObjects: [UInt32: WeakObject] = [:]

    /// Instantiates `module`. `imports` provides the host functions the guest declares, by name.
    public init(module: Module, imports: [String: HostImport] = [:]) throws {
        self.module = module
        bindings = try Bindings(module: module)
        store = Store(engine: module.engine)
        var linker = Linker()
        for entry in module.imports {
            guard case .function(let typeIndex) = entry.descriptor else {
                throw LinkError("the guest imports \(entry.module).\(entry.name), which is not a function")
            }
            let type = module.binary.types[Int(typeIndex)]
            linker.define(entry.module, entry.name, .function(try intrinsic(entry, type: type, imports: imports)))
        }
        instance = try linker.instantiate(module, in: store)
        guard let memory = instance.memory(named: "memory") else { throw BridgeError("the guest exports no memory") }
        self.memory = memory
        malloc = try export("__wbindgen_malloc").typed(Int32.self, returning: Int32.self)
        free = try export("__wbindgen_free").typed(Int32.self, Int32.self)
        // Results come back through a return pointer: one scratch area per instance suffices,
        // since calls do not nest.
        scratch = try malloc(32)
        stackPointer = instance.global(at: 0).flatMap { $0.type == GlobalType(valueType: .i32, isMutable: true) ? $0 : nil }
        if let start = bindings.start { _ = try invoke(start, arguments: [], descriptor: FunctionDescriptor(shimIndex: 0, arguments: [], result: .unit), receiver: nil) }
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
        if let poisonedBy { throw BridgeError("the guest is unusable after an earlier trap (\(poisonedBy.message)); instantiate it again") }
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
            }
            if case .refMut(.slice(let element)) = type, case .i32(let pointer) = values[values.count - 2] {
                lent.append((index, pointer, argument.arrayValue?.count ?? 0, element))
            }
        }
        let results: [Value]
        do {
            results = try function.call(values)
        } catch let trap as Trap {
            poisonedBy = trap
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

    // MARK: - Host to guest

    /// The wasm parameters for one argument.
    func lower(_ value: JSON, as type: Descriptor) throws -> [Value] {
        switch type {
        case .i8, .u8, .i16, .u16, .i32, .u32, .enumeration:
            guard let integer = value.integerValue, integerRange(type).contains(integer) else {
                throw BridgeError("expected \(type), got \(value)")
            }
            return [.i32(Int32(truncatingIfNeeded: integer))]
        case .i64, .u64:
            if case .number(let d) = value, type == .u64, d >= 9.2e18, d < 18_446_744_073_709_551_616 {
                return [.i64(Int64(bitPattern: UInt64(d)))]
            }
            guard let integer = value.integerValue, type == .i64 || integer >= 0 else { throw BridgeError("expected \(type), got \(value)") }
            return [.i64(integer)]
        case .f32:
            guard let number = value.doubleValue else { throw BridgeError("expected a number, got \(value)") }
            return [.f32(Float(number))]
        case .f64:
            guard let number = value.doubleValue else { throw BridgeError("expected a number, got \(value)") }
            return [.f64(number)]
        case .bool:
            guard let bool = value.boolValue else { throw BridgeError("expected true or false, got \(value)") }
            return [.i32(bool ? 1 : 0)]
        case .char:
            guard let text = value.stringValue, text.unicodeScalars.count == 1 else {
                throw BridgeError("expected a single character, got \(value)")
            }
            return [.i32(Int32(bitPattern: text.unicodeScalars.first!.value))]
        case .string, .cachedString, .ref(.string):
            guard let text = value.stringValue else { throw BridgeError("expected a string, got \(value)") }
            let (pointer, length) = try copyIn(text.utf8)
            return [.i32(pointer), .i32(length)]
        case .vector(let element), .ref(.slice(let element)), .refMut(.slice(let element)), .slice(let element),
             .ref(.vector(let element)):
            guard let items = value.arrayValue, let size = element.elementSize else {
                throw BridgeError("expected an array of \(element), got \(value)")
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(items.count * size)
            for item in items { bytes += try encodeElement(item, as: element) }
            let (pointer, _) = try copyIn(bytes)
            return [.i32(pointer), .i32(Int32(items.count))]
        case .optional(let inner):
            if let sentinel = inner.optionSentinel {
                return value == .null ? [.i32(Int32(bitPattern: sentinel))] : try lower(value, as: inner)
            }
            if inner.isBuffer { return value == .null ? [.i32(0), .i32(0)] : try lower(value, as: inner) }
            guard value != .null else { return [.i32(0), zeroValue(of: inner)] }
            return [.i32(1)] + (try lower(value, as: inner))
        case .externref, .namedExternref:
            return [.i32(heap.add(.json(value)))]
        case .ref(.externref), .ref(.namedExternref):
            return [.i32(try heap.borrow(.json(value)))]
        case .rustStruct(let name), .ref(.rustStruct(let name)), .refMut(.rustStruct(let name)):
            guard let handle = value["handle"]?.integerValue, handle != 0, value["class"]?.stringValue == name else {
                throw BridgeError("expected a live \(name) object ({\"class\": \"\(name)\", \"handle\": n}), got \(value)")
            }
            if case .rustStruct = type {
                // By value: the guest owns it now (the JS glue zeroes its pointer too).
                liveObjects[UInt32(truncatingIfNeeded: handle)]?.object?.markConsumed()
            }
            return [.i32(Int32(truncatingIfNeeded: handle))]
        case .clamped(let inner):
            return try lower(value, as: inner)
        default:
            throw BridgeError("arguments of type \(type) are not supported yet")
        }
    }

    private func integerRange(_ type: Descriptor) -> ClosedRange<Int64> {
        switch type {
        case .i8: -128...127
        case .u8: 0...255
        case .i16: -32768...32767
        case .u16: 0...65535
        case .i32: Int64(Int32.min)...Int64(Int32.max)
        case .u32, .enumeration: 0...Int64(UInt32.max)
        default: Int64.min...Int64.max
        }
    }

    func zeroValue(of type: Descriptor) -> Value {
        switch type {
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .i64, .u64: .i64(0)
        default: .i32(0)
        }
    }

    private func encodeElement(_ item: JSON, as element: Descriptor) throws -> [UInt8] {
        let bits: UInt64
        switch element {
        case .f32:
            guard let d = item.doubleValue else { throw BridgeError("expected a number, got \(item)") }
            bits = UInt64(Float(d).bitPattern)
        case .f64:
            guard let d = item.doubleValue else { throw BridgeError("expected a number, got \(item)") }
            bits = d.bitPattern
        default:
            guard let i = item.integerValue, integerRange(element).contains(i) else {
                throw BridgeError("expected \(element) elements, got \(item)")
            }
            bits = UInt64(bitPattern: i)
        }
        return (0..<element.elementSize!).map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }
    }

    /// Allocates guest memory for `bytes` with the guest's allocator and copies them in.
    func copyIn(_ bytes: some Collection<UInt8>) throws -> (Int32, Int32) {
        let pointer = try malloc(Int32(bytes.count))
        try memory.withUnsafeMutableBytes(at: Int(UInt32(bitPattern: pointer)), count: bytes.count) { $0.copyBytes(from: bytes) }
        return (pointer, Int32(bytes.count))
    }

    // MARK: - Guest to host

    private func lift(_ value: Value?, as type: Descriptor, function: String) throws -> JSON {
        guard let value else { return .null }
        switch (type.unwrapped, value) {
        case (.unit, _): return .null
        case (.i8, .i32(let v)): return .integer(Int64(Int8(truncatingIfNeeded: v)))
        case (.u8, .i32(let v)): return .integer(Int64(UInt8(truncatingIfNeeded: v)))
        case (.i16, .i32(let v)): return .integer(Int64(Int16(truncatingIfNeeded: v)))
        case (.u16, .i32(let v)): return .integer(Int64(UInt16(truncatingIfNeeded: v)))
        case (.i32, .i32(let v)): return .integer(Int64(v))
        case (.u32, .i32(let v)), (.enumeration, .i32(let v)): return .integer(Int64(UInt32(bitPattern: v)))
        case (.i64, .i64(let v)): return .integer(v)
        case (.u64, .i64(let v)): return v >= 0 ? .integer(v) : .number(Double(UInt64(bitPattern: v)))
        case (.f32, .f32(let v)): return .number(Double(v))
        case (.f64, .f64(let v)): return .number(v)
        case (.bool, .i32(let v)): return .bool(v != 0)
        case (.char, .i32(let v)):
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: v)) else { throw BridgeError("\(function) returned an invalid char \(v)") }
            return .string(String(Character(scalar)))
        case (.externref, .i32(let index)), (.namedExternref, .i32(let index)):
            return try heap.take(index).json
        case (.rustStruct(let name), .i32(let handle)):
            return ["class": .string(name), "handle": .integer(Int64(UInt32(bitPattern: handle)))]
        case (.optional(let inner), .i32(let v)):
            if let sentinel = inner.optionSentinel, UInt32(bitPattern: v) == sentinel { return .null }
            return try lift(value, as: inner, function: function)
        default:
            throw BridgeError("\(function) returned \(value) for \(type)")
        }
    }

    private func liftFromReturnPointer(_ type: Descriptor, function: String) throws -> JSON {
        let area = Int(UInt32(bitPattern: scratch))
        switch type.unwrapped {
        case .string, .cachedString, .vector, .slice:
            return try readBuffer(at: area, type: type.unwrapped, function: function)
        case .optional(let inner) where inner.isBuffer:
            return word(at: area) == 0 ? .null : try readBuffer(at: area, type: inner.unwrapped, function: function)
        case .optional(let inner):
            guard word(at: area) != 0 else { return .null }
            return try readScalar(at: area + (inner.returnSize == 8 ? 8 : 4), type: inner, function: function)
        case .result(let inner):
            let size = inner.returnSize
            if word(at: area + size + 4) != 0 {
                throw GuestError(function: function, value: try heap.take(Int32(bitPattern: UInt32(word(at: area + size)))))
            }
            if inner.unwrapped == .unit { return .null }
            if inner.isBuffer { return try readBuffer(at: area, type: inner.unwrapped, function: function) }
            return try readScalar(at: area, type: inner, function: function)
        default:
            throw BridgeError("\(function): results of type \(type) are not supported yet")
        }
    }

    private func word(at offset: Int) -> UInt32 {
        (try? memory.withUnsafeBytes(at: offset, count: 4) { $0.loadUnaligned(as: UInt32.self) }) ?? 0
    }

    private func readScalar(at offset: Int, type: Descriptor, function: String) throws -> JSON {
        let bytes = try memory.read(at: offset, count: 8)
        let bits = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let value: Value
        switch type.unwrapped {
        case .i64, .u64: value = .i64(Int64(bitPattern: bits))
        case .f64: value = .f64(Double(bitPattern: bits))
        case .f32: value = .f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        default: value = .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        }
        return try lift(value, as: type, function: function)
    }

    /// A (ptr, len) result: read it, then give the memory back to the guest's allocator.
    private func readBuffer(at area: Int, type: Descriptor, function: String) throws -> JSON {
        let pointer = Int32(bitPattern: word(at: area))
        let count = Int(word(at: area + 4))
        let size = type == .string || type == .cachedString ? 1 : (type.unwrapped.elementType?.elementSize ?? 1)
        guard Int(UInt32(bitPattern: pointer)) + count * size <= memory.byteCount else {
            throw BridgeError("\(function) returned a buffer outside its memory (\(UInt32(bitPattern: pointer)), \(count))")
        }
        switch type {
        case .string, .cachedString:
            let text = try memory.withUnsafeBytes(at: Int(UInt32(bitPattern: pointer)), count: count) {
                String(validating: $0, as: UTF8.self)
            }
            try free(pointer, Int32(count))
            guard let text else { throw BridgeError("\(function) returned a string that is not valid UTF-8") }
            return .string(text)
        case .vector(let element), .slice(let element):
            let array = try readArray(pointer: pointer, count: count, element: element)
            try free(pointer, Int32(count * (element.elementSize ?? 1)))
            return array
        default:
            throw BridgeError("\(function): buffers of \(type) are not supported")
        }
    }

    private func readArray(pointer: Int32, count: Int, element: Descriptor) throws -> JSON {
        guard let size = element.elementSize else { throw BridgeError("arrays of \(element) are not supported") }
        let bytes = try memory.read(at: Int(UInt32(bitPattern: pointer)), count: count * size)
        var items: [JSON] = []
        items.reserveCapacity(count)
        for index in 0..<count {
            let bits = bytes[index * size..<(index + 1) * size].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            switch element {
            case .f32: items.append(.number(Double(Float(bitPattern: UInt32(bits)))))
            case .f64: items.append(.number(Double(bitPattern: bits)))
            case .i8: items.append(.integer(Int64(Int8(truncatingIfNeeded: bits))))
            case .i16: items.append(.integer(Int64(Int16(truncatingIfNeeded: bits))))
            case .i32: items.append(.integer(Int64(Int32(truncatingIfNeeded: bits))))
            case .i64: items.append(.integer(Int64(bitPattern: bits)))
            case .u64: items.append(bits > UInt64(Int64.max) ? .number(Double(bits)) : .integer(Int64(bits)))
            default: items.append(.integer(Int64(bits)))
            }
        }
        return .array(items)
    }
}

/// An instance of a guest class. Freed deterministically: by `free()`, by a consuming method,
/// or when the last reference to this object goes away.
public final class GuestObject {
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
        try guest.export(type.freeFunction).typed(Int32.self)(Int32(bitPattern: handle))
    }

    deinit { try? free() }
}

/// A weak reference to a `GuestObject`, so the registry does not keep objects alive.
struct WeakObject {
    weak var object: GuestObject?
}
