/// A JSON value. Text goes in and out through json-c (`JSON.parse`, `serialized()`).
/// Integers from -2^63 to 2^64 - 1 stay exact; objects keep their keys in order.
public enum JSON: Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// An integer in Int64's range.
    case integer(Int64)
    /// An integer above `Int64.max`, up to `UInt64.max`. Smaller integers are always
    /// `.integer`; `JSON(_:)` and the parser choose the case.
    case unsignedInteger(UInt64)
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public var description: String { serialized() }

    public subscript(key: String) -> JSON? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    public subscript(index: Int) -> JSON? {
        guard case .array(let array) = self, array.indices.contains(index) else { return nil }
        return array[index]
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// An integer as JSON, exactly: `.integer` when it fits in Int64, else `.unsignedInteger`.
    public init(_ value: some BinaryInteger) {
        if let signed = Int64(exactly: value) {
            self = .integer(signed)
        } else {
            // Every BinaryInteger that does not fit Int64 here is one Hearth makes from a u64.
            self = .unsignedInteger(UInt64(truncatingIfNeeded: value))
        }
    }

    /// The value as an integer of type `T`, if it is one that `T` holds exactly (a number
    /// with no fraction counts).
    public func integer<T: FixedWidthInteger>(as type: T.Type = T.self) -> T? {
        switch self {
        case .integer(let i): T(exactly: i)
        case .unsignedInteger(let u): T(exactly: u)
        case .number(let d): T(exactly: d)
        default: nil
        }
    }

    /// The value as an Int64, if it is an integer in Int64's range.
    public var integerValue: Int64? { integer(as: Int64.self) }

    /// The value as a double, if it is a number (large integers round to the nearest double).
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .unsignedInteger(let u): Double(u)
        case .number(let d): d
        default: nil
        }
    }
}

/// A JSON object: keys in insertion order, looked up by hash.
public struct JSONObject: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var values: [String: JSON] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, JSON)...) {
        for (key, value) in elements { self[key] = value }
    }

    public var count: Int { keys.count }

    public subscript(key: String) -> JSON? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSON)> {
        keys.lazy.map { (key: $0, value: values[$0]!) }.makeIterator()
    }
}

extension JSON: Equatable {
    /// Numbers compare by their exact value (`1` equals `1.0`, but 2^53 + 1 does not equal
    /// the double 2^53); objects ignore key order.
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.unsignedInteger(let a), .unsignedInteger(let b)): return a == b
        case (.integer, .unsignedInteger), (.unsignedInteger, .integer): return false
        case (.number(let a), .number(let b)): return a == b
        case (.integer(let a), .number(let d)), (.number(let d), .integer(let a)): return Int64(exactly: d) == a
        case (.unsignedInteger(let a), .number(let d)), (.number(let d), .unsignedInteger(let a)): return UInt64(exactly: d) == a
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.values == rhs.values
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
