import JSON
import WasmBinary
import WasmEngine

extension Guest {
    /// Runs an import for the guest — a host function, or one of wasm-bindgen's intrinsics
    /// described in the custom section — per its descriptor: unpacks the wasm arguments into
    /// values, calls `body`, and packs the result (or, for `catch` imports, the error) back.
    func callImport(_ bound: BoundFunction, _ values: [Value], _ body: ([JsValueContent]) throws -> JsValueContent) throws -> [Value] {
        let signature = bound.signature
        var position = 0
        // A result that does not fit one value goes through a return pointer, the first parameter.
        var returnArea: Int32?
        if signature.result.returnsThroughPointer(in: bindings.version), case .i32(let area) = values.first {
            returnArea = area
            position = 1
        }
        func next() throws -> Value {
            guard position < values.count else {
                throw BridgeError("import \(bound.name) was called with \(values.count) values, fewer than \(signature) takes")
            }
            defer { position += 1 }
            return values[position]
        }
        func mismatch(_ value: Value, _ type: Descriptor) -> BridgeError {
            BridgeError("import \(bound.name) was passed \(value) for an argument of type \(type)")
        }
        func nextI32() throws -> Int32 {
            let value = try next()
            guard case .i32(let v) = value else { throw mismatch(value, .i32) }
            return v
        }
        var arguments: [JsValueContent] = []
        for type in signature.arguments {
            switch type {
            case .ref(.string):
                arguments.append(.json(.string(try readString(try nextI32(), try nextI32()))))
            case .string:
                let (pointer, length) = (try nextI32(), try nextI32())
                arguments.append(.json(.string(try readString(pointer, length))))
                try freeGuest(pointer, length)
            case .optional(.ref(.string)), .optional(.string):
                let (pointer, length) = (try nextI32(), try nextI32())
                arguments.append(pointer == 0 ? .undefined : .json(.string(try readString(pointer, length))))
                if pointer != 0, type == .optional(.string) { try freeGuest(pointer, length) }
            case .externref, .namedExternref:
                arguments.append(try heap.take(try nextI32()))
            case .ref(.externref), .ref(.namedExternref):
                arguments.append(try heap.get(try nextI32()))
            case .bool:
                arguments.append(.json(.bool(try nextI32() != 0)))
            case .i8, .u8, .i16, .u16, .i32:
                arguments.append(.json(.integer(Int64(try nextI32()))))
            case .u32:
                arguments.append(.json(.integer(Int64(UInt32(bitPattern: try nextI32())))))
            case .i64, .u64:
                let value = try next()
                guard case .i64(let v) = value else { throw mismatch(value, type) }
                arguments.append(.json(type == .i64 ? .integer(v) : JSON(UInt64(bitPattern: v))))
            case .f32:
                let value = try next()
                guard case .f32(let v) = value else { throw mismatch(value, type) }
                arguments.append(.json(.number(Double(v))))
            case .f64:
                let value = try next()
                guard case .f64(let v) = value else { throw mismatch(value, type) }
                arguments.append(.json(.number(v)))
            default:
                throw BridgeError("import \(bound.name): arguments of type \(type) are not supported yet")
            }
        }
        let result: JsValueContent
        do {
            result = try body(arguments)
        } catch {
            guard bound.catches else { throw error }
            // A `catch` import: hand the error to the guest, which sees `Err(JsValue)`.
            let message = (error as? GuestError)?.message ?? String(describing: error)
            _ = try export("__wbindgen_exn_store").call([.i32(heap.add(.error(message)))])
            if let returnArea {
                try memory.write(Array(repeating: 0, count: 16), at: Int(UInt32(bitPattern: returnArea)))
                return []
            }
            // Zeros of the import's own result types (an f64 for an f64-encoded option).
            return (wasmType(of: signature)?.results ?? []).map(Value.zero)
        }
        if let returnArea {
            try store(result, as: signature.result.unwrapped, at: returnArea, function: bound.name)
            return []
        }
        switch signature.result.unwrapped {
        case .unit: return []
        case .externref, .namedExternref: return [.i32(heap.add(result))]
        default: return try lower(result.json, as: signature.result)
        }
    }

    /// Refuses an import whose wasm type is not what its descriptor lowers to, naming it: the
    /// descriptor comes from the guest's own describe function and may disagree.
    func checkImportType(_ bound: BoundFunction, _ type: FunctionType) throws {
        let expected = wasmType(of: bound.signature)
        guard let expected, expected != type else { return }
        throw LinkError("the guest (\(bindings.versionLabel)) imports "
            + "\(bound.name) (\(bound.wasmName)) as \(type), but its descriptor \(bound.signature) is \(expected)")
    }

    /// The wasm type `callImport` reads and returns for `signature`; nil when it has an
    /// argument `callImport` refuses anyway.
    private func wasmType(of signature: FunctionDescriptor) -> FunctionType? {
        let throughPointer = signature.result.returnsThroughPointer(in: bindings.version)
        var parameters: [ValueType] = throughPointer ? [.i32] : []
        for type in signature.arguments {
            guard let types = type.wasmArgumentTypes else { return nil }
            parameters += types
        }
        let results: [ValueType] = if throughPointer || signature.result.unwrapped == .unit {
            []
        } else if signature.result.isF64Option(in: bindings.version) {
            [.f64]
        } else {
            switch signature.result.unwrapped {
            case .i64, .u64: [.i64]
            case .f32: [.f32]
            case .f64: [.f64]
            default: [.i32]
            }
        }
        return FunctionType(parameters: parameters, results: results)
    }

    /// Writes an import's result into the return area the guest passed.
    private func store(_ result: JsValueContent, as type: Descriptor, at area: Int32, function: String) throws {
        let address = Int(UInt32(bitPattern: area))
        switch type {
        case .string, .cachedString:
            guard case .json(.string(let text)) = result else { throw BridgeError("import \(function) must return a string, returned \(result.json)") }
            try writeBuffer(Array(text.utf8), to: area)
        case .optional(.string), .optional(.cachedString):
            if case .json(.string(let text)) = result {
                try writeBuffer(Array(text.utf8), to: area)
            } else {
                try memory.write(Array(repeating: 0, count: 8), at: address)
            }
        case .optional(.f64), .optional(.i64), .optional(.u64):
            // { is_some: u32, (padding), value: 8 bytes }
            var bytes = [UInt8](repeating: 0, count: 16)
            var bits: UInt64?
            if case .json(let json) = result {
                switch type {
                case .optional(.f64): bits = json.doubleValue.map(\.bitPattern)
                case .optional(.i64): bits = json.integer(as: Int64.self).map { UInt64(bitPattern: $0) }
                default: bits = json.integer(as: UInt64.self)
                }
            }
            if let bits {
                bytes[0] = 1
                for index in 0..<8 { bytes[8 + index] = UInt8(truncatingIfNeeded: bits >> (index * 8)) }
            }
            try memory.write(bytes, at: address)
        default:
            throw BridgeError("import \(function): results of type \(type) are not supported yet")
        }
    }
}
