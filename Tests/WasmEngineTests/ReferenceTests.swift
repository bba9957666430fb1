import WasmBinary
import WasmEngine
import Testing

/// Typed function references (WebAssembly 3.0) on references.wat.
@Suite struct ReferenceTests {
    static func call(_ name: String, _ arguments: [Value] = []) throws -> [Value] {
        let instance = try Instance(module: try Fixtures.module("references"), store: Store())
        return try instance.function(named: Name(name))!.call(arguments)
    }

    static func int(_ values: [Value]) -> Int32? {
        if case .i32(let value) = values.first { value } else { nil }
    }

    @Test func callRefCallsTheReferencedFunction() throws {
        // Table element 0 comes from the table's initialiser, 1 from the element segment.
        #expect(Self.int(try Self.call("apply", [.i32(0), .i32(30), .i32(12)])) == 42)
        #expect(Self.int(try Self.call("apply", [.i32(1), .i32(30), .i32(12)])) == 18)
    }

    @Test func nullReferencesTrap() throws {
        #expect { try Self.call("call_null") } throws: { ($0 as? Trap)?.reason == .nullFunctionReference }
        #expect { try Self.call("as_non_null_of_null") } throws: { ($0 as? Trap)?.reason == .nullReference }
    }

    @Test func branchesOnNullAndNonNull() throws {
        #expect(Self.int(try Self.call("on_null", [.i32(1)])) == -1)
        #expect(Self.int(try Self.call("on_null", [.i32(0)])) == 42)
        #expect(Self.int(try Self.call("on_non_null", [.i32(1)])) == -1)
        #expect(Self.int(try Self.call("on_non_null", [.i32(0)])) == 42)
    }

    /// A host value fits a reference type by hierarchy and nullness, and a function by its
    /// type when the reference type names one.
    @Test func hostValuesFitReferenceTypes() throws {
        let instance = try Instance(module: try Fixtures.module("references"), store: Store())
        let apply = try #require(instance.function(named: "apply"))
        #expect(Value.funcref(apply).fits(.ref(ReferenceType(nullable: false, .function))))
        #expect(!Value.funcref(apply).fits(.ref(ReferenceType(nullable: false, .concrete(UInt32.max)))), "another type's id")
        #expect(Value.funcref(nil).fits(.ref(ReferenceType(nullable: true, .function))))
        #expect(!Value.funcref(nil).fits(.ref(ReferenceType(nullable: false, .function))))
        #expect(!Value.externref(1).fits(.funcref))
    }
}
