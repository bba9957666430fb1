import JSON
import WasmEngine

/// Host to guest: JSON arguments become wasm values and guest memory (the JS glue's "passing").
extension Guest {
    /// The wasm parameters for one argument.
    func lower(_ value: JSON, as type: Descriptor) throws -> [Value] {
        switch type {
        case .i8, .u8, .i16, .u16, .i32, .u32, .enumeration:
            guard let integer = value.integerValue, integerRange(type).contains(integer) else {
                throw BridgeError("expected \(type), got \(value)")
            }
            return [.i32(Int32(truncatingIfNeeded: integer))]
        case .i64:
            guard let integer = value.integer(as: Int64.self) else { throw BridgeError("expected \(type), got \(value)") }
            return [.i64(integer)]
        case .u64:
            guard let integer = value.integer(as: UInt64.self) else { throw BridgeError("expected \(type), got \(value)") }
            return [.i64(Int64(bitPattern: integer))]
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
            let (pointer, _) = try copyIn(bytes, align: size)
            return [.i32(pointer), .i32(Int32(items.count))]
        case .optional(let inner):
            if type.isF64Option(in: bindings.version), let none = bindings.version.f64OptionNone {
                guard value != .null else { return [.f64(none)] }
                return switch try lower(value, as: inner).first {
                case .i32(let v)? where inner.unwrapped == .u32: [.f64(Double(UInt32(bitPattern: v)))]
                case .i32(let v)?: [.f64(Double(v))]
                case .f32(let v)?: [.f64(Double(v))]
                default: throw BridgeError("expected \(type), got \(value)")
                }
            }
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
            guard let handle = value["handle"]?.integer(as: UInt32.self), handle != 0, value["class"]?.stringValue == name else {
                throw BridgeError("expected a live \(name) object ({\"class\": \"\(name)\", \"handle\": n}), got \(value)")
            }
            if case .rustStruct = type {
                // By value: the guest owns it now (the JS glue zeroes its pointer too).
                liveObjects[handle]?.object?.markConsumed()
            }
            return [.i32(Int32(bitPattern: handle))]
        case .clamped(let inner):
            return try lower(value, as: inner)
        default:
            throw BridgeError("arguments of type \(type) are not supported yet")
        }
    }

    func integerRange(_ type: Descriptor) -> ClosedRange<Int64> {
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

    func encodeElement(_ item: JSON, as element: Descriptor) throws -> [UInt8] {
        let bits: UInt64
        switch element {
        case .f32:
            guard let d = item.doubleValue else { throw BridgeError("expected a number, got \(item)") }
            bits = UInt64(Float(d).bitPattern)
        case .f64:
            guard let d = item.doubleValue else { throw BridgeError("expected a number, got \(item)") }
            bits = d.bitPattern
        case .u64:
            guard let u = item.integer(as: UInt64.self) else { throw BridgeError("expected u64 elements, got \(item)") }
            bits = u
        default:
            guard let i = item.integerValue, integerRange(element).contains(i) else {
                throw BridgeError("expected \(element) elements, got \(item)")
            }
            bits = UInt64(bitPattern: i)
        }
        return (0..<element.elementSize!).map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }
    }

    /// Allocates guest memory for `bytes` (aligned to `align`) with the guest's allocator and
    /// copies them in.
    func copyIn(_ bytes: some Collection<UInt8>, align: Int = 1) throws -> (Int32, Int32) {
        let pointer = try malloc(Int32(bytes.count), Int32(align))
        try memory.withUnsafeMutableBytes(at: Int(UInt32(bitPattern: pointer)), count: bytes.count) { $0.copyBytes(from: bytes) }
        return (pointer, Int32(bytes.count))
    }
}
