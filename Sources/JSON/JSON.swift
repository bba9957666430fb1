/// A JSON value. Text goes in and out through json-c (`JSON.parse`, `serialized()`).
/// Integers from -2^63 to 2^64 - 1 stay exact; objects keep their keys in order.
public enum JSON: Sendable, CustomStringConvertible {
    /// `null`; Rust's `None` and `()` come back as it.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer in Int64's range.
    case integer(Int64)
    /// An integer above `Int64.max`, up to `UInt64.max`: `JSON(_:)` and the parser use it only
    /// there. (A smaller value made by hand still equals the same `.integer`.)
    case unsignedInteger(UInt64)
    /// A number with a fraction or an exponent, or one made from a `Double`.
    case number(Double)
    /// A string (any Unicode; serialized as UTF-8).
    case string(String)
    /// An array.
    case array([JSON])
    /// An object, keys in order.
    case object(JSONObject)

    /// The compact JSON text (`serialized()`).
    public var description: String { serialized() }

    /// The member named `key` of an object; nil for a missing key or a value that is not an
    /// object.
    public subscript(key: String) -> JSON? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    /// The element at `index` of an array; nil out of range or for a value that is not an
    /// array.
    public subscript(index: Int) -> JSON? {
        guard case .array(let array) = self, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// The text of a `.string`; nil for any other case (no conversion).
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The value of a `.bool`; nil for any other case (`0` and `null` are not false).
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The elements of an `.array`; nil for any other case.
    public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }
    /// The members of an `.object`; nil for any other case.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// An integer as JSON, exactly: `.integer` when it fits in Int64, else `.unsignedInteger`.
    public init(_ value: some BinaryInteger) {
        if let signed = Int64(exactly: value) {
            self = .integer(signed)
        } else if let unsigned = UInt64(exactly: value) {
            self = .unsignedInteger(unsigned)
        } else {
            // Wider than JSON's exact integers (an Int128, say): the nearest double.
            self = .number(Double(value))
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
    /// The keys in insertion order.
    public private(set) var keys: [String] = []
    private var values: [String: JSON] = [:]

    /// An empty object.
    public init() {}

    /// An object from a literal; a repeated key keeps its first position and its last value.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// The member named `key`. Setting a new key appends it; setting an existing one keeps
    /// its position; setting nil removes it (O(n) in the number of keys).
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

    /// Iterates the members in insertion order.
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
        case (.integer(let a), .unsignedInteger(let b)), (.unsignedInteger(let b), .integer(let a)): return UInt64(exactly: a) == b
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
    /// Same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.values == rhs.values
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` or `false` is `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is `.integer` (so it must fit in Int64).
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A float literal is `.number`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string literal is `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal is `.array`.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// A dictionary literal is `.object`, keys in the literal's order (a repeated key keeps
    /// its first position and its last value).
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
