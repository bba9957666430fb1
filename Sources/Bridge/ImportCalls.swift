import JSON
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
        func next() -> Value {
            defer { position += 1 }
            return position < values.count ? values[position] : .i32(0)
        }
        func nextI32() -> Int32 { if case .i32(let v) = next() { v } else { 0 } }
        var arguments: [JsValueContent] = []
        for type in signature.arguments {
            switch type {
            case .ref(.string):
                arguments.append(.json(.string(try readString(nextI32(), nextI32()))))
            case .string:
                let (pointer, length) = (nextI32(), nextI32())
                arguments.append(.json(.string(try readString(pointer, length))))
                try freeGuest(pointer, length)
            case .optional(.ref(.string)), .optional(.string):
                let (pointer, length) = (nextI32(), nextI32())
                arguments.append(pointer == 0 ? .undefined : .json(.string(try readString(pointer, length))))
                if pointer != 0, type == .optional(.string) { try freeGuest(pointer, length) }
            case .externref, .namedExternref:
                arguments.append(try heap.take(nextI32()))
            case .ref(.externref), .ref(.namedExternref):
                arguments.append(try heap.get(nextI32()))
            case .bool:
                arguments.append(.json(.bool(nextI32() != 0)))
            case .i8, .u8, .i16, .u16, .i32:
                arguments.append(.json(.integer(Int64(nextI32()))))
            case .u32:
                arguments.append(.json(.integer(Int64(UInt32(bitPattern: nextI32())))))
            case .i64:
                if case .i64(let v) = next() { arguments.append(.json(.integer(v))) }
            case .u64:
                if case .i64(let v) = next() { arguments.append(.json(JSON(UInt64(bitPattern: v)))) }
            case .f32:
                if case .f32(let v) = next() { arguments.append(.json(.number(Double(v)))) }
            case .f64:
                if case .f64(let v) = next() { arguments.append(.json(.number(v))) }
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
            return signature.result == .unit ? [] : [zeroValue(of: signature.result)]
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
