import JSON
import Testing
import WasmEngine
@testable import Bridge

/// The rows of the version table that no example export reaches on its own.
@Suite struct VersionTableTests {
    @Test func everySchemaHasOneRow() {
        let schemas = BindgenVersion.supported.map(\.schema)
        #expect(Set(schemas).count == schemas.count)
        #expect(BindgenVersion.schema("0.2.122") == .v0_2_122)
        #expect(BindgenVersion.schema("0.2.127") == nil, "0.2.127 is a crate version, not a schema")
    }

    /// `Option<u32>` and friends are one f64 from 0.2.96 on, with None 2^32 + 1 and, from
    /// 0.2.119, 2^53 - 1; before, a flag and the value.
    @Test(arguments: [(RustBuild.v0_2_83, nil), (RustBuild(version: "0.2.100", schema: "0.2.100"), 4_294_967_297.0),
                      (RustBuild.v0_2_127, 9_007_199_254_740_991.0)] as [(RustBuild, Double?)])
    func optionalNumbersCrossAsTheirVersionSays(_ build: RustBuild, none: Double?) throws {
        let guest = try GuestTests.guest("greet", build)
        let type = Descriptor.optional(.u32)
        if let none {
            #expect(try guest.lower(nil, as: type).map(\.description) == [Value.f64(none)].map(\.description))
            #expect(try guest.lower(4_000_000_000, as: type).map(\.description) == [Value.f64(4_000_000_000)].map(\.description))
            #expect(try guest.lower(-3, as: .optional(.i32)).map(\.description) == [Value.f64(-3)].map(\.description))
            #expect(try guest.lift(.f64(none), as: type, function: "f") == nil)
            #expect(try guest.lift(.f64(7), as: type, function: "f") == 7)
            #expect(!type.returnsThroughPointer(in: guest.bindings.version))
        } else {
            #expect(try guest.lower(nil, as: type).map(\.description) == [Value.i32(0), .i32(0)].map(\.description))
            #expect(try guest.lower(7, as: type).map(\.description) == [Value.i32(1), .i32(7)].map(\.description))
            #expect(type.returnsThroughPointer(in: guest.bindings.version))
        }
    }

    /// Bindings of one version used with a module of another: the allocator's wasm type
    /// disagrees with the row, and the error says so instead of calling it wrongly.
    @Test func anAllocatorThatDisagreesWithTheRowIsAnError() throws {
        let old = try Bindings(module: try RustBuild.v0_2_83.module("greet"))
        do {
            _ = try Guest(module: try RustBuild.v0_2_127.module("greet"), bindings: old)
            Issue.record("expected an error")
        } catch let error as BridgeError {
            #expect(error.message.contains("wasm-bindgen schema 0.2.83 has __wbindgen_malloc(size) and __wbindgen_free(ptr, size), but the guest's differ"))
        }
    }
}
