import JSON
import WasmBinary
import WasmEngine

extension Guest {
    /// The host side of one import: a wasm-bindgen intrinsic, a class wrapper, or a host
    /// function the embedder registered. Anything else fails instantiation, naming it.
    func intrinsic(_ entry: Import, type: FunctionType, imports: [String: HostImport]) throws -> Function {
        let name = entry.name.description
        func host(_ body: @escaping (Guest, [Value]) throws -> [Value]) -> Function {
            Function(store: store, type: type) { [unowned self] _, arguments in try body(self, arguments) }
        }
        func i32(_ values: [Value], _ index: Int) -> Int32 {
            if case .i32(let v) = values[index] { v } else { 0 }
        }
        if entry.module == "__wbindgen_externref_xform__" {
            // Reached only from the __externref_* exports, which Hearth never calls.
            return host { _, _ in type.results.isEmpty ? [] : [.i32(-1)] }
        }
        guard entry.module == "__wbindgen_placeholder__" else {
            throw LinkError("the guest imports \(entry.module).\(name); wasm-bindgen guests import from __wbindgen_placeholder__")
        }
        if let bound = bindings.imports.first(where: { $0.wasmName == name }) {
            guard let implementation = imports[bound.name] else {
                throw LinkError("the guest imports host function \(bound.name)(\(bound.parameterList)); provide it when creating the Guest")
            }
            return host { guest, values in try guest.callHost(bound, implementation, values) }
        }
        if name.hasPrefix("__wbg_"), name.hasSuffix("_new"),
           let type = bindings.classes.first(where: { "__wbg_\($0.name.lowercased())_new" == name }) {
            return host { guest, values in [.i32(guest.heap.add(.object(className: type.name, handle: UInt32(bitPattern: i32(values, 0)))))] }
        }
        switch name {
        case "__wbindgen_describe":
            return host { _, _ in [] }
        case "__wbindgen_throw":
            return host { guest, values in
                throw GuestError(function: guest.currentFunction, value: .error(try guest.readString(i32(values, 0), i32(values, 1))))
            }
        case "__wbindgen_rethrow":
            return host { guest, values in throw GuestError(function: guest.currentFunction, value: try guest.heap.take(i32(values, 0))) }
        case "__wbindgen_string_new":
            return host { guest, values in [.i32(guest.heap.add(.json(.string(try guest.readString(i32(values, 0), i32(values, 1))))))] }
        case "__wbindgen_error_new":
            return host { guest, values in [.i32(guest.heap.add(.error(try guest.readString(i32(values, 0), i32(values, 1)))))] }
        case "__wbindgen_number_new":
            return host { guest, values in
                guard case .f64(let number) = values[0] else { return [.i32(0)] }
                return [.i32(guest.heap.add(.json(.number(number))))]
            }
        case "__wbindgen_object_drop_ref":
            return host { guest, values in
                guest.heap.drop(i32(values, 0))
                return []
            }
        case "__wbindgen_object_clone_ref":
            return host { guest, values in [.i32(guest.heap.add(try guest.heap.get(i32(values, 0))))] }
        case "__wbindgen_json_parse":
            return host { guest, values in
                let text = try guest.readString(i32(values, 0), i32(values, 1))
                return [.i32(guest.heap.add(.json(try JSON.parse(text))))]
            }
        case "__wbindgen_json_serialize":
            return host { guest, values in
                let text = try guest.heap.get(i32(values, 1)).json.serialized()
                try guest.writeBuffer(Array(text.utf8), to: i32(values, 0))
                return []
            }
        case "__wbindgen_string_get":
            return host { guest, values in
                if case .json(.string(let text)) = try guest.heap.get(i32(values, 1)) {
                    try guest.writeBuffer(Array(text.utf8), to: i32(values, 0))
                } else {
                    try guest.memory.write(Array(repeating: 0, count: 8), at: Int(UInt32(bitPattern: i32(values, 0))))
                }
                return []
            }
        case "__wbindgen_debug_string":
            return host { guest, values in
                try guest.writeBuffer(Array(try guest.heap.get(i32(values, 1)).json.serialized().utf8), to: i32(values, 0))
                return []
            }
        case "__wbindgen_is_null":
            return host { guest, values in [.i32(try guest.heap.get(i32(values, 0)) == .json(.null) ? 1 : 0)] }
        case "__wbindgen_is_undefined":
            return host { guest, values in [.i32(try guest.heap.get(i32(values, 0)) == .undefined ? 1 : 0)] }
        case "__wbindgen_boolean_get":
            return host { guest, values in
                guard case .json(.bool(let value)) = try guest.heap.get(i32(values, 0)) else { return [.i32(2)] }
                return [.i32(value ? 1 : 0)]
            }
        case "__wbindgen_number_get":
            return host { guest, values in
                var bytes = [UInt8](repeating: 0, count: 16)
                if case .json(let json) = try guest.heap.get(i32(values, 1)), let number = json.doubleValue {
                    bytes[0] = 1
                    for index in 0..<8 { bytes[8 + index] = UInt8(truncatingIfNeeded: number.bitPattern >> (index * 8)) }
                }
                try guest.memory.write(bytes, at: Int(UInt32(bitPattern: i32(values, 0))))
                return []
            }
        default:
            throw LinkError("the guest imports wasm-bindgen intrinsic \(name), which Hearth does not provide yet")
        }
    }

    /// Reads UTF-8 the guest lends; invalid UTF-8 is an error, never a crash.
    func readString(_ pointer: Int32, _ length: Int32) throws -> String {
        let bytes = try memory.read(at: Int(UInt32(bitPattern: pointer)), count: Int(UInt32(bitPattern: length)))
        guard let text = String(validating: bytes, as: UTF8.self) else { throw BridgeError("the guest passed a string that is not valid UTF-8") }
        return text
    }

    /// Copies bytes into fresh guest memory and writes (ptr, len) at `area`; the guest owns it.
    func writeBuffer(_ bytes: [UInt8], to area: Int32, count: Int? = nil) throws {
        let (pointer, _) = try copyIn(bytes)
        let length = UInt32(count ?? bytes.count)
        let words = [UInt32(bitPattern: pointer), length].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        try memory.write(words, at: Int(UInt32(bitPattern: area)))
    }

    /// Runs a host function for the guest: unpacks its arguments per descriptor, calls the
    /// Swift closure, and packs the result (or, for `catch` imports, the error) back.
    func callHost(_ bound: BoundFunction, _ implementation: HostImport, _ values: [Value]) throws -> [Value] {
        let signature = bound.signature
        var position = 0
        // A result that does not fit one value goes through a return pointer, the first parameter.
        var returnArea: Int32?
        if signature.result.returnsThroughPointer, case .i32(let area) = values.first {
            returnArea = area
            position = 1
        }
        func next() -> Value {
            defer { position += 1 }
            return position < values.count ? values[position] : .i32(0)
        }
        func nextI32() -> Int32 { if case .i32(let v) = next() { v } else { 0 } }
        var arguments: [JSON] = []
        for type in signature.arguments {
            switch type {
            case .ref(.string):
                arguments.append(.string(try readString(nextI32(), nextI32())))
            case .string:
                let (pointer, length) = (nextI32(), nextI32())
                arguments.append(.string(try readString(pointer, length)))
                try freeGuest(pointer, length)
            case .externref, .namedExternref:
                arguments.append(try heap.take(nextI32()).json)
            case .ref(.externref), .ref(.namedExternref):
                arguments.append(try heap.get(nextI32()).json)
            case .bool:
                arguments.append(.bool(nextI32() != 0))
            case .i8, .u8, .i16, .u16, .i32:
                arguments.append(.integer(Int64(nextI32())))
            case .u32:
                arguments.append(.integer(Int64(UInt32(bitPattern: nextI32()))))
            case .i64:
                if case .i64(let v) = next() { arguments.append(.integer(v)) }
            case .u64:
                if case .i64(let v) = next() { arguments.append(JSON(UInt64(bitPattern: v))) }
            case .f32:
                if case .f32(let v) = next() { arguments.append(.number(Double(v))) }
            case .f64:
                if case .f64(let v) = next() { arguments.append(.number(v)) }
            default:
                throw BridgeError("host function \(bound.name): arguments of type \(type) are not supported yet")
            }
        }
        let result: JSON
        do {
            result = try implementation(arguments)
        } catch {
            guard bound.catches else { throw error }
            // A `catch` import: hand the error to the guest, which sees `Err(JsValue)`.
            let message = (error as? GuestError)?.message ?? String(describing: error)
            _ = try export("__wbindgen_exn_store").call([.i32(heap.add(.error(message)))])
            if let returnArea {
                try memory.write(Array(repeating: 0, count: 16), at: Int(UInt32(bitPattern: returnArea)))
                return []
            }
            return signature.result == .unit ? [] : [zeroValue(of: signature.result)]
        }
        if let returnArea {
            switch signature.result.unwrapped {
            case .string:
                guard let text = result.stringValue else { throw BridgeError("host function \(bound.name) must return a string, returned \(result)") }
                try writeBuffer(Array(text.utf8), to: returnArea)
            default:
                throw BridgeError("host function \(bound.name): results of type \(signature.result) are not supported yet")
            }
            return []
        }
        if signature.result == .unit { return [] }
        return try lower(result, as: signature.result)
    }

    func freeGuest(_ pointer: Int32, _ length: Int32) throws {
        _ = try export("__wbindgen_free").call([.i32(pointer), .i32(length)])
    }
}
