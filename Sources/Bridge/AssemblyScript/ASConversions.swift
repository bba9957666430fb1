import JSON
import WasmEngine

/// Numbers between JSON, WebAssembly values and the little-endian bytes of arrays.
extension AssemblyScriptGuest {
    /// A JSON number (or bool) as the WebAssembly value an AssemblyScript `scalar` is passed as.
    static func scalarValue(_ json: JSON, _ scalar: ASScalar, place: String) throws -> Value {
        func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            guard let value = json.integer(as: T.self) else { throw BridgeError("\(place) must be a \(scalar), not \(json)") }
            return value
        }
        switch scalar {
        case .bool:
            guard let value = json.boolValue else { throw BridgeError("\(place) must be a bool, not \(json)") }
            return .i32(value ? 1 : 0)
        case .i8: return .i32(Int32(try integer(Int8.self)))
        case .u8: return .i32(Int32(try integer(UInt8.self)))
        case .i16: return .i32(Int32(try integer(Int16.self)))
        case .u16: return .i32(Int32(try integer(UInt16.self)))
        case .i32, .isize: return .i32(try integer(Int32.self))
        case .u32, .usize: return .i32(Int32(bitPattern: try integer(UInt32.self)))
        case .i64: return .i64(try integer(Int64.self))
        case .u64: return .i64(Int64(bitPattern: try integer(UInt64.self)))
        case .f32, .f64:
            guard let value = json.doubleValue else { throw BridgeError("\(place) must be a number, not \(json)") }
            return scalar == .f32 ? .f32(Float(value)) : .f64(value)
        }
    }

    /// A WebAssembly value as JSON, read as `scalar` (an i32 holding a u8 is its low byte).
    static func scalarJSON(_ value: Value, _ scalar: ASScalar, place: String) throws -> JSON {
        switch (scalar, value) {
        case (.bool, .i32(let v)): return .bool(v & 0xFF != 0)
        case (.i8, .i32(let v)): return JSON(Int8(truncatingIfNeeded: v))
        case (.u8, .i32(let v)): return JSON(UInt8(truncatingIfNeeded: v))
        case (.i16, .i32(let v)): return JSON(Int16(truncatingIfNeeded: v))
        case (.u16, .i32(let v)): return JSON(UInt16(truncatingIfNeeded: v))
        case (.i32, .i32(let v)), (.isize, .i32(let v)): return JSON(v)
        case (.u32, .i32(let v)), (.usize, .i32(let v)): return JSON(UInt32(bitPattern: v))
        case (.i64, .i64(let v)): return JSON(v)
        case (.u64, .i64(let v)): return JSON(UInt64(bitPattern: v))
        case (.f32, .f32(let v)): return .number(Double(v))
        case (.f64, .f64(let v)): return .number(v)
        default: throw BridgeError("\(place) is \(value.type), not the \(scalar) the sidecar says")
        }
    }

    /// A JSON array of numbers as the little-endian elements of an array of `scalar`.
    static func elements(_ json: JSON, _ scalar: ASScalar, place: String) throws -> [UInt8] {
        guard let items = json.arrayValue else { throw BridgeError("\(place) must be an array, not \(json)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count << scalar.alignLog2)
        for (index, item) in items.enumerated() {
            let bits: UInt64
            switch try scalarValue(item, scalar, place: "\(place)[\(index)]") {
            case .i32(let v): bits = UInt64(UInt32(bitPattern: v))
            case .i64(let v): bits = UInt64(bitPattern: v)
            case .f32(let v): bits = UInt64(v.bitPattern)
            case .f64(let v): bits = v.bitPattern
            default: bits = 0
            }
            for byte in 0..<(1 << scalar.alignLog2) { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * byte))) }
        }
        return bytes
    }

    /// Little-endian elements of `scalar` as a JSON array.
    static func json(_ bytes: [UInt8], _ scalar: ASScalar, place: String) throws -> JSON {
        let width = 1 << scalar.alignLog2
        var items: [JSON] = []
        items.reserveCapacity(bytes.count / width)
        for start in stride(from: 0, to: bytes.count - width + 1, by: width) {
            let bits = bytes[start..<start + width].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let value: Value
            switch scalar {
            case .i64, .u64: value = .i64(Int64(bitPattern: bits))
            case .f32: value = .f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            case .f64: value = .f64(Double(bitPattern: bits))
            default: value = .i32(Int32(truncatingIfNeeded: bits))
            }
            items.append(try scalarJSON(value, scalar, place: place))
        }
        return .array(items)
    }

    /// 32-bit words, little-endian (object headers and pointers).
    static func words(_ values: [Int32]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: value) >> (8 * $0)) } }
    }
}
