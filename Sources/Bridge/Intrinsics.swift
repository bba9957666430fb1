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
        func i32(_ values: [Value], _ index: Int) throws -> Int32 {
            guard index < values.count, case .i32(let v) = values[index] else {
                throw BridgeError("intrinsic \(name) was called without an i32 argument \(index + 1)")
            }
            return v
        }
        /// A raw intrinsic's import must have the type its body reads and returns.
        func expect(_ parameters: [ValueType], _ results: [ValueType] = []) throws {
            guard type.parameters == parameters, type.results == results else {
                throw LinkError("the guest (\(bindings.versionLabel)) imports "
                    + "intrinsic \(name) as \(type); it is \(FunctionType(parameters: parameters, results: results))")
            }
        }
        if entry.module == "__wbindgen_externref_xform__" {
            // Reached only from the __externref_* exports, which Hearth never calls.
            guard type.results.isEmpty || type.results == [.i32] else {
                throw LinkError("the guest imports \(entry.module).\(name) as \(type), which returns no i32")
            }
            return host { _, _ in type.results.isEmpty ? [] : [.i32(-1)] }
        }
        guard entry.module == "__wbindgen_placeholder__" else {
            throw LinkError("the guest imports \(entry.module).\(name); wasm-bindgen guests import from __wbindgen_placeholder__")
        }
        if let bound = bindings.imports.first(where: { $0.wasmName == name }) {
            guard let implementation = imports[bound.name] else {
                throw LinkError("the guest imports host function \(bound.name)(\(bound.parameterList)); provide it when creating the Guest")
            }
            try checkImportType(bound, type)
            return host { guest, values in
                try guest.callImport(bound, values) { arguments in .json(try implementation(arguments.map(\.json))) }
            }
        }
        // 0.2.105 on, an intrinsic is resolved by what the section says it is, not by its
        // hashed name; most go through their descriptor, the rest keep their raw ABI.
        let what = bindings.intrinsics[name]?.name ?? name
        if let bound = bindings.intrinsics[name], what != "__wbindgen_copy_to_typed_array" {
            let implementation = try describedIntrinsic(bound)
            try checkImportType(bound, type)
            return host { guest, values in try guest.callImport(bound, values, implementation) }
        }
        if name.hasPrefix("__wbg_"), name.hasSuffix("_new"),
           let type = bindings.classes.first(where: { "__wbg_\($0.name.lowercased())_new" == name }) {
            try expect([.i32], [.i32])
            return host { guest, values in [.i32(guest.heap.add(.object(className: type.name, handle: UInt32(bitPattern: try i32(values, 0)))))] }
        }
        switch what {
        case "__wbindgen_copy_to_typed_array":
            try expect([.i32, .i32, .i32])
            // (ptr, byte length, JS array): a `&mut [T]` argument written back (0.2.84 on).
            return host { guest, values in
                let array = try i32(values, 2)
                guard let element = guest.copiedBack[array]?.element, let size = element.elementSize else {
                    throw BridgeError("the guest copied into JsValue \(array), which is no &mut slice argument")
                }
                let copy = try guest.readArray(pointer: try i32(values, 0), count: Int(UInt32(bitPattern: try i32(values, 1))) / size, element: element)
                guest.copiedBack[array] = (element, copy)
                return []
            }
        case "__wbindgen_describe":
            try expect([.i32])
            // At run time only a cast (0.2.105 on) describes itself, right before it calls
            // __wbindgen_describe_cast.
            return host { guest, values in
                guard guest.castWords.count < Self.castWordLimit else {
                    throw BridgeError("the guest described a cast with more than \(Self.castWordLimit) words")
                }
                guest.castWords.append(UInt32(bitPattern: try i32(values, 0)))
                return []
            }
        case "__wbindgen_describe_cast":
            try expect([.i32, .i32], [.i32])
            return host { guest, values in [.i32(try guest.cast(prims: try i32(values, 1)))] }
        case "__wbindgen_throw":
            try expect([.i32, .i32])
            return host { guest, values in
                throw GuestError(function: guest.currentFunction, value: .error(try guest.readString(try i32(values, 0), try i32(values, 1))))
            }
        case "__wbindgen_rethrow":
            try expect([.i32])
            return host { guest, values in throw GuestError(function: guest.currentFunction, value: try guest.heap.take(try i32(values, 0))) }
        case "__wbindgen_string_new":
            try expect([.i32, .i32], [.i32])
            return host { guest, values in [.i32(guest.heap.add(.json(.string(try guest.readString(try i32(values, 0), try i32(values, 1))))))] }
        case "__wbindgen_error_new":
            try expect([.i32, .i32], [.i32])
            return host { guest, values in [.i32(guest.heap.add(.error(try guest.readString(try i32(values, 0), try i32(values, 1)))))] }
        case "__wbindgen_number_new":
            try expect([.f64], [.i32])
            return host { guest, values in
                guard case .f64(let number)? = values.first else { throw BridgeError("intrinsic \(name) was called without an f64") }
                return [.i32(guest.heap.add(.json(.number(number))))]
            }
        case "__wbindgen_object_drop_ref":
            try expect([.i32])
            return host { guest, values in
                guest.heap.drop(try i32(values, 0))
                return []
            }
        case "__wbindgen_object_clone_ref":
            try expect([.i32], [.i32])
            return host { guest, values in [.i32(guest.heap.add(try guest.heap.get(try i32(values, 0))))] }
        case "__wbindgen_json_parse":
            try expect([.i32, .i32], [.i32])
            return host { guest, values in
                let text = try guest.readString(try i32(values, 0), try i32(values, 1))
                return [.i32(guest.heap.add(.json(try JSON.parse(text))))]
            }
        case "__wbindgen_json_serialize":
            try expect([.i32, .i32])
            return host { guest, values in
                let text = try guest.heap.get(try i32(values, 1)).json.serialized()
                try guest.writeBuffer(Array(text.utf8), to: try i32(values, 0))
                return []
            }
        case "__wbindgen_string_get":
            try expect([.i32, .i32])
            return host { guest, values in
                if case .json(.string(let text)) = try guest.heap.get(try i32(values, 1)) {
                    try guest.writeBuffer(Array(text.utf8), to: try i32(values, 0))
                } else {
                    try guest.memory.write(Array(repeating: 0, count: 8), at: Int(UInt32(bitPattern: try i32(values, 0))))
                }
                return []
            }
        case "__wbindgen_debug_string":
            try expect([.i32, .i32])
            return host { guest, values in
                try guest.writeBuffer(Array(try guest.heap.get(try i32(values, 1)).json.serialized().utf8), to: try i32(values, 0))
                return []
            }
        case "__wbindgen_is_null":
            try expect([.i32], [.i32])
            return host { guest, values in [.i32(try guest.heap.get(try i32(values, 0)) == .json(.null) ? 1 : 0)] }
        case "__wbindgen_is_undefined":
            try expect([.i32], [.i32])
            return host { guest, values in [.i32(try guest.heap.get(try i32(values, 0)) == .undefined ? 1 : 0)] }
        case "__wbindgen_boolean_get":
            try expect([.i32], [.i32])
            return host { guest, values in
                guard case .json(.bool(let value)) = try guest.heap.get(try i32(values, 0)) else { return [.i32(2)] }
                return [.i32(value ? 1 : 0)]
            }
        case "__wbindgen_number_get":
            try expect([.i32, .i32])
            return host { guest, values in
                var bytes = [UInt8](repeating: 0, count: 16)
                if case .json(let json) = try guest.heap.get(try i32(values, 1)), let number = json.doubleValue {
                    bytes[0] = 1
                    for index in 0..<8 { bytes[8 + index] = UInt8(truncatingIfNeeded: number.bitPattern >> (index * 8)) }
                }
                try guest.memory.write(bytes, at: Int(UInt32(bitPattern: try i32(values, 0))))
                return []
            }
        default:
            throw LinkError("the guest (\(bindings.versionLabel)) imports intrinsic \(name), which Hearth does not provide yet")
        }
    }

    /// The most words a cast may describe itself with; a real one takes a handful.
    static let castWordLimit = 4096

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

    func freeGuest(_ pointer: Int32, _ length: Int32) throws {
        try free(pointer, length, 1)
    }
}
