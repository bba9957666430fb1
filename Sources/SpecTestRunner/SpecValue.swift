import Hearth

/// Values of the JSON scripts: arguments to build and expectations to match.
enum SpecValue {
    static let laneWidths = ["i8": 8, "i16": 16, "i32": 32, "i64": 64, "f32": 32, "f64": 64]

    /// One lane against its expectation (float lanes may be NaN patterns).
    static func laneMatches(_ actual: UInt64, _ expected: String, shape: String) -> Bool {
        switch (shape, expected) {
        case ("f32", "nan:canonical"): return actual & 0x7FFF_FFFF == 0x7FC0_0000
        case ("f32", "nan:arithmetic"): return actual & 0x7FC0_0000 == 0x7FC0_0000
        case ("f64", "nan:canonical"): return actual & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case ("f64", "nan:arithmetic"): return actual & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        default:
            guard let bits = bits(expected) else { return false }
            let width = laneWidths[shape] ?? 64
            let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
            return actual & mask == bits & mask
        }
    }

    /// Integers come signed from wasm-tools and unsigned from wabt; both are accepted.
    static func bits(_ text: String) -> UInt64? {
        if let value = UInt64(text) { return value }
        if let value = Int64(text) { return UInt64(bitPattern: value) }
        return nil
    }

    static func argument(_ json: Argument) throws -> Value {
        let type = json.type
        let text = json.value
        let raw = text.flatMap(bits) ?? 0
        switch type {
        case "i32": return .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: raw)))
        case "i64": return .i64(Int64(bitPattern: raw))
        case "f32": return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
        case "f64": return .f64(Double(bitPattern: raw))
        case "externref": return .externref(text == "null" ? nil : raw)
        case "funcref": return .funcref(nil)
        case "v128":
            guard let lanes = json.lanes, let shape = json.laneType, let width = laneWidths[shape] else {
                throw CallError("malformed v128 argument")
            }
            var bytes: [UInt8] = []
            for lane in lanes {
                let bits = Self.bits(lane) ?? 0
                for byte in 0..<width / 8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (byte * 8))) }
            }
            let value = V128(bytes: bytes)
            return .v128(low: value.low, high: value.high)
        default: throw CallError("unsupported argument type \(type)")
        }
    }

    static func matches(_ value: Value, _ expected: Argument) -> Bool {
        let type = expected.type
        let text = expected.value
        switch (type, value) {
        case ("i32", .i32(let v)): return bits(text ?? "").map { UInt32(truncatingIfNeeded: $0) == UInt32(bitPattern: v) } ?? false
        case ("i64", .i64(let v)): return bits(text ?? "") == UInt64(bitPattern: v)
        case ("f32", .f32(let v)):
            let actual = v.bitPattern
            switch text {
            case "nan:canonical": return actual & 0x7FFF_FFFF == 0x7FC0_0000
            case "nan:arithmetic": return actual & 0x7FC0_0000 == 0x7FC0_0000
            default: return bits(text ?? "").map { UInt32(truncatingIfNeeded: $0) == actual } ?? false
            }
        case ("f64", .f64(let v)):
            let actual = v.bitPattern
            switch text {
            case "nan:canonical": return actual & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
            case "nan:arithmetic": return actual & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
            default: return bits(text ?? "") == actual
            }
        case ("externref", .externref(let v)):
            return text == "null" ? v == nil : v == bits(text ?? "")
        case ("funcref", .funcref(let f)):
            if text == "null" { return f == nil }
            return f != nil
        case ("v128", .v128(let low, let high)):
            guard let lanes = expected.lanes, let shape = expected.laneType, let width = laneWidths[shape] else { return false }
            let bytes = V128(low: low, high: high).bytes
            for (index, lane) in lanes.enumerated() {
                var actual: UInt64 = 0
                for byte in (0..<width / 8).reversed() { actual = actual << 8 | UInt64(bytes[index * width / 8 + byte]) }
                if !laneMatches(actual, lane, shape: shape) { return false }
            }
            return true
        case ("refnull", .funcref(let f)): return f == nil
        case ("refnull", .externref(let v)): return v == nil
        default: return false
        }
    }
}
