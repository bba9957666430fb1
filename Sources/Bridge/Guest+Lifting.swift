import JSON
import WasmEngine

/// Guest to host: wasm results and guest memory become JSON (the JS glue's "taking").
extension Guest {
    func lift(_ value: Value?, as type: Descriptor, function: String) throws -> JSON {
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
        case (.u64, .i64(let v)): return JSON(UInt64(bitPattern: v))
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
        case (.optional(let inner), .f64(let v)) where type.isF64Option(in: bindings.version):
            if v == bindings.version.f64OptionNone { return .null }
            switch inner.unwrapped {
            case .f32: return .number(v)
            default:
                let range: ClosedRange<Int64> = inner.unwrapped == .u32 ? 0...Int64(UInt32.max) : Int64(Int32.min)...Int64(Int32.max)
                guard let integer = Int64(exactly: v), range.contains(integer) else {
                    throw BridgeError("\(function) returned \(v) for \(type)")
                }
                return .integer(integer)
            }
        case (.optional(let inner), .i32(let v)):
            if let sentinel = inner.optionSentinel, UInt32(bitPattern: v) == sentinel { return .null }
            return try lift(value, as: inner, function: function)
        default:
            throw BridgeError("\(function) returned \(value) for \(type)")
        }
    }

    func liftFromReturnPointer(_ type: Descriptor, function: String) throws -> JSON {
        let area = Int(UInt32(bitPattern: scratch))
        switch type.unwrapped {
        case .string, .cachedString, .vector, .slice:
            return try readBuffer(at: area, type: type.unwrapped, function: function)
        case .optional(let inner) where inner.isBuffer:
            return word(at: area) == 0 ? .null : try readBuffer(at: area, type: inner.unwrapped, function: function)
        case .optional where type.isF64Option(in: bindings.version):
            return try readScalar(at: area, type: type, function: function)
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
            // An option in a result is laid out as on its own (one f64 from 0.2.96 on).
            if case .optional(let option) = inner.unwrapped, option.optionSentinel == nil {
                return try liftFromReturnPointer(inner, function: function)
            }
            return try readScalar(at: area, type: inner, function: function)
        default:
            throw BridgeError("\(function): results of type \(type) are not supported yet")
        }
    }

    func word(at offset: Int) -> UInt32 {
        (try? memory.withUnsafeBytes(at: offset, count: 4) { $0.loadUnaligned(as: UInt32.self) }) ?? 0
    }

    func readScalar(at offset: Int, type: Descriptor, function: String) throws -> JSON {
        let bytes = try memory.read(at: offset, count: 8)
        let bits = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let value: Value
        switch type.unwrapped {
        case .i64, .u64: value = .i64(Int64(bitPattern: bits))
        case _ where type.isF64Option(in: bindings.version): value = .f64(Double(bitPattern: bits))
        case .f64: value = .f64(Double(bitPattern: bits))
        case .f32: value = .f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        default: value = .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        }
        return try lift(value, as: type, function: function)
    }

    /// A (ptr, len) result: read it, then give the memory back to the guest's allocator.
    func readBuffer(at area: Int, type: Descriptor, function: String) throws -> JSON {
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
            try free(pointer, Int32(count), 1)
            guard let text else { throw BridgeError("\(function) returned a string that is not valid UTF-8") }
            return .string(text)
        case .vector(let element), .slice(let element):
            let array = try readArray(pointer: pointer, count: count, element: element)
            let size = element.elementSize ?? 1
            guard let length = Int32(exactly: count * size) else {
                throw BridgeError("\(function) returned a buffer of \(count) elements, too many to free")
            }
            try free(pointer, length, Int32(size))
            return array
        default:
            throw BridgeError("\(function): buffers of \(type) are not supported")
        }
    }

    func readArray(pointer: Int32, count: Int, element: Descriptor) throws -> JSON {
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
            case .u64: items.append(JSON(bits))
            default: items.append(.integer(Int64(bits)))
            }
        }
        return .array(items)
    }
}
