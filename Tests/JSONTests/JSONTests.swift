import JSON
import Testing

@Suite struct JSONTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-12", "9223372036854775807", "1.5", "-2.5e-3",
        "\"\"", "\"héllo \\u00e9 \\\" \\\\ \\n\"", "[]", "[1,[2,[3]]]", "{}",
        "{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}",
    ])
    func roundTripsThroughText(_ text: String) throws {
        let value = try JSON.parse(text)
        #expect(try JSON.parse(value.serialized()) == value)
        #expect(try JSON.parse(value.serialized(pretty: true)) == value)
    }

    @Test func readsValuesAndKeepsKeyOrder() throws {
        let value = try JSON.parse(#"{"name": "Hearth", "size": 3, "ratio": 0.5, "tags": ["a", "b"], "z": 1, "a": 2}"#)
        #expect(value["name"]?.stringValue == "Hearth")
        #expect(value["size"]?.integerValue == 3)
        #expect(value["ratio"]?.doubleValue == 0.5)
        #expect(value["tags"]?[1]?.stringValue == "b")
        #expect(value.objectValue?.keys == ["name", "size", "ratio", "tags", "z", "a"])
        #expect(value["missing"] == nil)
    }

    @Test func keepsLargeIntegersExact() throws {
        #expect(try JSON.parse("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(try JSON.parse("9007199254740993") != .number(9_007_199_254_740_992))
        #expect(try JSON.parse("-9223372036854775808") == .integer(Int64.min))
    }

    /// Integers up to 2^64 - 1 parse, compare and serialize exactly; one past either end is an
    /// error at its offset, not a clamped value.
    @Test func unsignedIntegersAboveInt64StayExact() throws {
        #expect(try JSON.parse("18446744073709551615") == .unsignedInteger(UInt64.max))
        #expect(try JSON.parse("9223372036854775808") == .unsignedInteger(1 << 63))
        #expect(try JSON.parse("9223372036854775807") == .integer(Int64.max))
        #expect(JSON.unsignedInteger(UInt64.max).serialized() == "18446744073709551615")
        #expect(JSON(UInt64.max) == .unsignedInteger(UInt64.max))
        #expect(JSON(UInt64(5)) == .integer(5))
        #expect(JSON.unsignedInteger(UInt64.max).integer(as: UInt64.self) == UInt64.max)
        #expect(JSON.unsignedInteger(UInt64.max).integerValue == nil)
        #expect(JSON.number(18_446_744_073_709_551_616).integer(as: UInt64.self) == nil)
        #expect(JSON.unsignedInteger(UInt64.max) != .number(18_446_744_073_709_551_616))
        // Integers compare by value whichever case holds them; wider ones become doubles.
        #expect(JSON.unsignedInteger(5) == .integer(5) && JSON.integer(5) == .unsignedInteger(5))
        #expect(JSON.integer(-1) != .unsignedInteger(UInt64.max))
        #expect(JSON(Int128(-1) << 64) == .number(-18_446_744_073_709_551_616))
        for (text, offset) in [("18446744073709551616", 0), ("[1, -9223372036854775809]", 4), ("{\"k\": 99999999999999999999}", 6)] {
            let error = try #require(throws: JSONError.self) { try JSON.parse(text) }
            #expect(error.offset == offset && error.message.contains("out of range"), "\(error)")
        }
        // Digits inside strings and doubles of any size are not integers.
        #expect(try JSON.parse(#"["99999999999999999999", 1e30, 18446744073709551616.5]"#).arrayValue?.count == 3)
    }

    @Test func integersCompareWithNumbersExactly() {
        #expect(JSON.integer(9_007_199_254_740_993) != .number(9_007_199_254_740_992))
        #expect(JSON.number(9_007_199_254_740_992) != .integer(9_007_199_254_740_993))
        #expect(JSON.integer(9_007_199_254_740_992) == .number(9_007_199_254_740_992))
        #expect(JSON.integer(1) != .number(1.5))
    }

    @Test func stringsMayHoldNulAndAnyUnicode() throws {
        let text: JSON = .string("a\u{0}b 🎉 Å")
        #expect(try JSON.parse(text.serialized()) == text)
    }

    @Test func buildsFromLiterals() throws {
        let value: JSON = ["list": [1, 2.5, "three", nil, true], "nested": ["k": "v"]]
        #expect(try JSON.parse(value.serialized()) == value)
        #expect(value.serialized() == #"{"list":[1,2.5,"three",null,true],"nested":{"k":"v"}}"#)
    }

    @Test func comparesNumbersByValueAndObjectsWithoutOrder() throws {
        #expect(JSON.integer(1) == JSON.number(1.0))
        #expect(JSON.number(-3.0) == JSON.integer(-3))
        #expect(JSON.integer(1) != JSON.number(1.5))
        // Exactly: not through Double, where these pairs are equal.
        #expect(JSON.integer(9_007_199_254_740_993) != JSON.number(9_007_199_254_740_992))
        #expect(JSON.number(9_007_199_254_740_992) != JSON.integer(9_007_199_254_740_993))
        #expect(JSON.integer(Int64.max) != JSON.number(9_223_372_036_854_775_808))
        #expect(try JSON.parse(#"{"a":1,"b":2}"#) == JSON.parse(#"{"b":2,"a":1}"#))
        #expect(try JSON.parse("[1,2]") != JSON.parse("[2,1]"))
    }

    @Test(arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("tru", 3), ("[1] x", 4), ("'a'", 0),
        ("{\"a\":1,}", 7), ("\"\\x\"", 2),
    ])
    func rejectsMalformedTextWithItsPosition(_ text: String, _ offset: Int) {
        do {
            let value = try JSON.parse(text)
            Issue.record("parsed \(text) as \(value)")
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(error.description.hasPrefix("HEARTH-E301"))
        }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSON.parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("parsed")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONError.self) { try JSON.parse(bytes: [0x22, 0xFF, 0x22]) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONError.self) { try JSON.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSON.parse(fine) }
    }
}
