import Hearth

/// Values of the JSON scripts: arguments to build and expectations to match. A value the
/// runner cannot read is an error (an argument) or a mismatch (an expectation), never a 0.
enum SpecValue {
    static let laneWidths = ["i8": 8, "i16": 16, "i32": 32, "i64": 64, "f32": 32, "f64": 64]

    /// The bits of an integer of `width` bits, or of a float's bit pattern. Integers come
    /// signed from wasm-tools and unsigned from wabt; both are accepted, within the width.
    static func bits(_ text: String, width: Int) -> UInt64? {
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        if let value = UInt64(text), value <= mask { return value }
        if let value = Int64(text), value < 0, value >= ~Int64(bitPattern: mask >> 1) {
            return UInt64(bitPattern: value) & mask
        }
        return nil
    }

    /// One scalar or lane of `width` bits against its expectation (a float may be a NaN
    /// pattern: `nan:canonical` or `nan:arithmetic`).
    static func bitsMatch(_ actual: UInt64, _ expected: String, width: Int, isFloat: Bool) -> Bool {
        if isFloat, expected.hasPrefix("nan:") {
            let quietNaN: UInt64 = width == 32 ? 0x7FC0_0000 : 0x7FF8_0000_0000_0000
            let sign: UInt64 = 1 << UInt64(width - 1)
            switch expected {
            case "nan:canonical": return actual & ~sign == quietNaN
            case "nan:arithmetic": return actual & quietNaN == quietNaN
            default: return false
            }
        }
        return bits(expected, width: width) == actual
    }

    static func argument(_ json: Argument) throws -> Value {
        if json.type == "v128" { return try vector(json) }
        let text = json.value
        func scalar(_ width: Int) throws -> UInt64 {
            guard let text, let value = bits(text, width: width) else {
                throw CallError("unreadable \(json.type) argument \(text.map { "\"\($0)\"" } ?? "without a value")")
            }
            return value
        }
        switch json.type {
        case "i32": return .i32(Int32(bitPattern: UInt32(try scalar(32))))
        case "i64": return .i64(Int64(bitPattern: try scalar(64)))
        case "f32": return .f32(Float(bitPattern: UInt32(try scalar(32))))
        case "f64": return .f64(Double(bitPattern: try scalar(64)))
        case "externref": return .externref(text == "null" ? nil : try scalar(64))
        case "exnref":
            guard text == "null" else { throw CallError("unreadable exnref argument \(text ?? "without a value")") }
            return .exnref(nil)
        case "funcref":
            // A script can name no function as an argument, only pass null.
            guard text == "null" else { throw CallError("unreadable funcref argument \(text ?? "without a value")") }
            return .funcref(nil)
        default: throw CallError("unsupported argument type \(json.type)")
        }
    }

    static func vector(_ json: Argument) throws -> Value {
        guard let lanes = json.lanes, let shape = json.laneType, let width = laneWidths[shape],
              lanes.count * width == 128 else {
            throw CallError("unreadable v128 argument")
        }
        var bytes: [UInt8] = []
        for lane in lanes {
            guard let bits = bits(lane, width: width) else { throw CallError("unreadable \(shape) lane \"\(lane)\"") }
            for byte in 0..<width / 8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (byte * 8))) }
        }
        let value = V128(bytes: bytes)
        return .v128(low: value.low, high: value.high)
    }

    /// Whether `value` is what `expected` describes. A reference is compared for what it is:
    /// null or not, and an externref's host value. (A script writes a non-null funcref as
    /// `funcref` without a value: it cannot say which function.)
    static func matches(_ value: Value, _ expected: Argument) -> Bool {
        let text = expected.value
        switch (expected.type, value) {
        case ("i32", .i32(let v)): return text.flatMap { bits($0, width: 32) } == UInt64(UInt32(bitPattern: v))
        case ("i64", .i64(let v)): return text.flatMap { bits($0, width: 64) } == UInt64(bitPattern: v)
        case ("f32", .f32(let v)): return text.map { bitsMatch(UInt64(v.bitPattern), $0, width: 32, isFloat: true) } ?? false
        case ("f64", .f64(let v)): return text.map { bitsMatch(v.bitPattern, $0, width: 64, isFloat: true) } ?? false
        case ("externref", .externref(let v)):
            switch text {
            case nil: return v != nil
            case "null": return v == nil
            case let text?: return v != nil && bits(text, width: 64) == v
            }
        case ("funcref", .funcref(let f)):
            switch text {
            case nil: return f != nil
            case "null": return f == nil
            default: return false
            }
        case ("refnull", .funcref(let f)), ("nullfuncref", .funcref(let f)): return f == nil
        case ("refnull", .externref(let v)), ("nullexternref", .externref(let v)): return v == nil
        case ("refnull", .exnref(let e)), ("nullexnref", .exnref(let e)): return e == nil
        case ("exnref", .exnref(let e)):
            switch text {
            case nil: return e != nil
            case "null": return e == nil
            default: return false
            }
        case ("v128", .v128(let low, let high)):
            guard let lanes = expected.lanes, let shape = expected.laneType, let width = laneWidths[shape],
                  lanes.count * width == 128 else { return false }
            let bytes = V128(low: low, high: high).bytes
            for (index, lane) in lanes.enumerated() {
                var actual: UInt64 = 0
                for byte in (0..<width / 8).reversed() { actual = actual << 8 | UInt64(bytes[index * width / 8 + byte]) }
                if !bitsMatch(actual, lane, width: width, isFloat: shape.hasPrefix("f")) { return false }
            }
            return true
        default: return false
        }
    }
}
