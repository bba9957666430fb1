import CJSONC

extension JSON {
    /// Nesting deeper than this is rejected (json-c's own default is 32).
    public static let maxDepth: Int32 = 512

    /// Parses one JSON value (RFC 8259, strictly: no comments, no trailing commas, valid
    /// UTF-8). Whitespace may follow it; anything else is an error.
    public static func parse(_ text: String) throws(JSONError) -> JSON {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses one JSON value from UTF-8 bytes, under the same rules as `parse(_:)`; the
    /// error's offset, line and column count bytes.
    public static func parse(bytes: [UInt8]) throws(JSONError) -> JSON {
        guard !bytes.isEmpty else { throw JSONError("unexpected end of input", offset: 0, in: bytes) }
        guard let tokener = json_tokener_new_ex(maxDepth) else {
            throw JSONError("out of memory", offset: 0, in: bytes)
        }
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8)
        // A trailing NUL tells json-c the input ends (otherwise "12" could continue).
        let terminated = bytes + [0]
        let object: OpaquePointer? = terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                json_tokener_parse_ex(tokener, chars.baseAddress!, Int32(chars.count))
            }
        }
        let status = json_tokener_get_error(tokener)
        let end = Int(json_tokener_get_parse_end(tokener))
        if status == json_tokener_continue || (status == json_tokener_success && object == nil && end < bytes.count) {
            throw JSONError("unexpected end of input", offset: bytes.count, in: bytes)
        }
        guard status == json_tokener_success else {
            throw JSONError(String(cString: json_tokener_error_desc(status)), offset: end, in: bytes)
        }
        defer { json_object_put(object) }
        if let extra = bytes[min(end, bytes.count)...].firstIndex(where: { !" \t\r\n".utf8.contains($0) }) {
            throw JSONError("unexpected content after the JSON value", offset: extra, in: bytes)
        }
        var atLimit = false
        let value = JSON(object, atLimit: &atLimit)
        // json-c clamps an integer literal past either end to that end without a word; only
        // when an end turns up are the bytes read again to tell a clamp from the real value.
        if atLimit, let offset = firstIntegerOutOfRange(bytes) {
            throw JSONError("integer out of range (-2^63 to 2^64 - 1)", offset: offset, in: bytes)
        }
        return value
    }

    /// The offset of the first integer literal outside -2^63...2^64 - 1 in valid JSON `bytes`,
    /// if there is one: json-c would clamp it to the nearest end without a word.
    static func firstIntegerOutOfRange(_ bytes: [UInt8]) -> Int? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), minus = UInt8(ascii: "-")
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                while index < bytes.count, bytes[index] != quote { index += bytes[index] == backslash ? 2 : 1 }
                index += 1
            } else if byte == minus || isDigit(byte) {
                let start = index
                if byte == minus { index += 1 }
                let digits = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                if index < bytes.count, ".eE".utf8.contains(bytes[index]) {
                    // A fraction or exponent: a double, whatever its size. Skip the rest of it.
                    while index < bytes.count, isDigit(bytes[index]) || ".eE+-".utf8.contains(bytes[index]) { index += 1 }
                    continue
                }
                let limit = Array((byte == minus ? "9223372036854775808" : "18446744073709551615").utf8)
                let literal = bytes[digits..<index]
                if literal.count > limit.count || (literal.count == limit.count && limit.lexicographicallyPrecedes(literal)) {
                    return start
                }
            } else {
                index += 1
            }
        }
        return nil
    }

    /// Converts a json-c object (borrowed, not released); `atLimit` is set when an integer is
    /// -2^63 or 2^64 - 1, where json-c puts the literals it clamped.
    init(_ object: OpaquePointer?, atLimit: inout Bool) {
        guard let object else {
            self = .null
            return
        }
        switch json_object_get_type(object) {
        case json_type_null: self = .null
        case json_type_boolean: self = .bool(json_object_get_boolean(object) != 0)
        case json_type_int:
            if hearth_json_is_unsigned_large(object) != 0 {
                let value = json_object_get_uint64(object)
                if value == .max { atLimit = true }
                self = .unsignedInteger(value)
            } else {
                let value = json_object_get_int64(object)
                if value == .min { atLimit = true }
                self = .integer(value)
            }
        case json_type_double: self = .number(json_object_get_double(object))
        case json_type_string:
            let length = Int(json_object_get_string_len(object))
            let bytes = UnsafeRawBufferPointer(start: json_object_get_string(object), count: length)
            self = .string(String(decoding: bytes, as: UTF8.self))
        case json_type_array:
            let count = json_object_array_length(object)
            self = .array((0..<count).map { JSON(json_object_array_get_idx(object, $0), atLimit: &atLimit) })
        case json_type_object:
            var result = JSONObject()
            var iterator = json_object_iter_begin(object)
            var end = json_object_iter_end(object)
            while json_object_iter_equal(&iterator, &end) == 0 {
                result[String(cString: json_object_iter_peek_name(&iterator))] = JSON(json_object_iter_peek_value(&iterator), atLimit: &atLimit)
                json_object_iter_next(&iterator)
            }
            self = .object(result)
        default:
            self = .null
        }
    }

    /// The value as JSON text, compact by default.
    public func serialized(pretty: Bool = false) -> String {
        let object = makeObject()
        defer { json_object_put(object) }
        let flags = (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED : JSON_C_TO_STRING_PLAIN) | JSON_C_TO_STRING_NOSLASHESCAPE
        var length = 0
        guard let text = json_object_to_json_string_length(object, Int32(flags), &length) else { return "null" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// A new json-c object owning one reference.
    func makeObject() -> OpaquePointer? {
        switch self {
        case .null: return nil
        case .bool(let value): return json_object_new_boolean(value ? 1 : 0)
        case .integer(let value): return json_object_new_int64(value)
        case .unsignedInteger(let value): return json_object_new_uint64(value)
        case .number(let value): return json_object_new_double(value)
        case .string(let value):
            if value.isEmpty { return json_object_new_string("") }
            var value = value
            return value.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { json_object_new_string_len($0.baseAddress!, Int32($0.count)) }
            }
        case .array(let values):
            let array = json_object_new_array_ext(Int32(values.count))
            for value in values { json_object_array_add(array, value.makeObject()) }
            return array
        case .object(let object):
            let result = json_object_new_object()
            for (key, value) in object { json_object_object_add(result, key, value.makeObject()) }
            return result
        }
    }
}
