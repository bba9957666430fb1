import JSON

/// Something that converts to and from JSON, for `Guest.call` with Swift values.
public protocol JSONConvertible {
    /// The value as JSON, for passing it as an argument.
    var json: JSON { get }
    /// The value a guest returned; throws when the JSON is not of this type.
    init(json: JSON) throws
}

extension String: JSONConvertible {
    /// The string as a JSON string.
    public var json: JSON { .string(self) }
    /// A JSON string's text; anything else throws a `BridgeError`.
    public init(json: JSON) throws {
        guard let value = json.stringValue else { throw BridgeError("expected a string, got \(json)") }
        self = value
    }
}

/// Integers convert exactly: a JSON value that the type cannot hold is an error, not a
/// rounded or wrapped value.
extension JSONConvertible where Self: FixedWidthInteger {
    /// The integer as `.integer`, or `.unsignedInteger` above `Int64.max`.
    public var json: JSON { JSON(self) }
    /// A JSON number this type holds exactly (`2.0` counts); anything else throws a `BridgeError`.
    public init(json: JSON) throws {
        guard let value = json.integer(as: Self.self) else { throw BridgeError("expected \(Self.self), got \(json)") }
        self = value
    }
}

extension Int: JSONConvertible {}
extension Int8: JSONConvertible {}
extension Int16: JSONConvertible {}
extension Int32: JSONConvertible {}
extension Int64: JSONConvertible {}
extension UInt: JSONConvertible {}
extension UInt8: JSONConvertible {}
extension UInt16: JSONConvertible {}
extension UInt32: JSONConvertible {}
extension UInt64: JSONConvertible {}

extension Double: JSONConvertible {
    /// The double as a JSON number.
    public var json: JSON { .number(self) }
    /// Any JSON number (large integers round to the nearest double); anything else throws a
    /// `BridgeError`.
    public init(json: JSON) throws {
        guard let value = json.doubleValue else { throw BridgeError("expected a number, got \(json)") }
        self = value
    }
}

extension Bool: JSONConvertible {
    /// `true` or `false`.
    public var json: JSON { .bool(self) }
    /// `true` or `false`; anything else (`0`, `null`) throws a `BridgeError`.
    public init(json: JSON) throws {
        guard let value = json.boolValue else { throw BridgeError("expected true or false, got \(json)") }
        self = value
    }
}

extension JSON: JSONConvertible {
    /// The value itself.
    public var json: JSON { self }
    /// The value itself; never throws.
    public init(json: JSON) { self = json }
}
