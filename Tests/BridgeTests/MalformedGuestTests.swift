import JSON
import Testing
import WasmBinary
import WasmEngine
@testable import Bridge

/// Guests whose describe functions, imports or results disagree with what wasm-bindgen would
/// have written: each is a typed error naming the item, never a crash of the host.
@Suite struct MalformedGuestTests {
    /// A build whose `Option<i32>` is one f64.
    static let v0_2_100 = RustBuild(version: "0.2.100", schema: "0.2.100")

    /// One of `guest`'s imports, renamed to `name` in wasm-bindgen's import module.
    static func placeholderImport(_ name: String, of guest: Guest) throws -> Import {
        var entry = try #require(guest.module.imports.first)
        entry.module = "__wbindgen_placeholder__"
        entry.name = Name(name)
        return entry
    }

    static func bound(_ name: String, _ arguments: [Descriptor], _ result: Descriptor = .unit) -> BoundFunction {
        BoundFunction(name: name, wasmName: "__wbg_\(name)_0", argumentNames: [],
                      signature: FunctionDescriptor(shimIndex: 0, arguments: arguments, result: result))
    }

    /// A `catch` import that fails returns zeros of its wasm result types: an `Option<i32>` is
    /// one f64 from schema 0.2.96 on, so its zero is an f64 (it was an i32, which the guest's
    /// import would not accept).
    @Test func aFailedCatchImportReturnsZerosOfItsWasmTypes() throws {
        let guest = try GuestTests.guest("host_import", Self.v0_2_100,
                                         imports: ["host_log": { _ in nil }, "host_lookup": { _ in nil }])
        var lookup = Self.bound("lookup", [], .optional(.i32))
        lookup.catches = true
        let results = try guest.callImport(lookup, []) { _ in throw GuestError(function: "lookup", value: .error("no such key")) }
        guard case .f64(let zero)? = results.first, results.count == 1 else {
            Issue.record("expected one f64, got \(results)")
            return
        }
        #expect(zero == 0)
    }

    /// The custom section says `__wbindgen_jsval_eq` takes one argument; its body reads two.
    @Test func anIntrinsicDescribedWithTooFewArgumentsIsALinkError() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        #expect(throws: LinkError.self) { _ = try guest.describedIntrinsic(Self.bound("__wbindgen_jsval_eq", [.externref])) }
        #expect(throws: LinkError.self) { _ = try guest.describedIntrinsic(Self.bound("JSON.parse", [])) }
    }

    /// A described intrinsic whose wasm import type is not what its descriptor lowers to.
    @Test func aDescribedIntrinsicWithAnotherWasmTypeIsALinkError() throws {
        let guest = try GuestTests.guest("jsvalue", .v0_2_127)
        let (wasmName, _) = try #require(guest.bindings.intrinsics.first { $0.value.name == "JSON.parse" })
        let entry = try Self.placeholderImport(wasmName, of: guest)
        do {
            _ = try guest.intrinsic(entry, type: FunctionType(parameters: [.f64], results: []), imports: [:])
            Issue.record("expected an error")
        } catch let error as LinkError {
            #expect(error.message.contains("JSON.parse"), "\(error.message)")
        }
    }

    /// A value of another wasm type than the descriptor says is refused, not skipped.
    @Test func anImportCalledWithAValueOfAnotherTypeIsAnError() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        #expect(throws: BridgeError.self) {
            _ = try guest.callImport(Self.bound("f", [.f64]), [.i32(1)]) { _ in .undefined }
        }
        #expect(throws: BridgeError.self) {
            _ = try guest.callImport(Self.bound("f", [.i32, .i32]), [.i32(1)]) { _ in .undefined }
        }
    }

    /// `__wbindgen_describe_cast` imported as (i32) -> i32 instead of (i32, i32) -> i32.
    @Test func aRawIntrinsicWithAnotherWasmTypeIsALinkErrorNamingIt() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        let entry = try Self.placeholderImport("__wbindgen_describe_cast", of: guest)
        do {
            _ = try guest.intrinsic(entry, type: FunctionType(parameters: [.i32], results: [.i32]), imports: [:])
            Issue.record("expected an error")
        } catch let error as LinkError {
            #expect(error.message.contains("__wbindgen_describe_cast"), "\(error.message)")
            #expect(error.message.contains("wasm-bindgen 0.2.127"), "\(error.message)")
        }
    }

    /// An f64 `Option<i32>` that is no i32 (NaN, infinity, 2^63) is an error, not a trap.
    @Test(arguments: [Double.nan, .infinity, 9.3e18, 1.5, 4_294_967_296.5])
    func anF64OptionThatIsNoIntegerIsAnError(_ value: Double) throws {
        let guest = try GuestTests.guest("greet", Self.v0_2_100)
        #expect(throws: BridgeError.self) { _ = try guest.lift(.f64(value), as: .optional(.i32), function: "f") }
        #expect(throws: BridgeError.self) { _ = try guest.lift(.f64(-1), as: .optional(.u32), function: "f") }
        #expect(try guest.lift(.f64(-7), as: .optional(.i32), function: "f") == .integer(-7))
    }

    /// REF(REF(...)) nested past any real type: an error, not a stack overflow.
    @Test func aDeeplyNestedDescriptorIsAnError() throws {
        let version = BindgenVersion.v0_2_122
        let ref = UInt32(try #require(version.codes.firstIndex(of: .ref)))
        let i32 = UInt32(try #require(version.codes.firstIndex(of: .i32)))
        #expect(throws: BridgeError.self) { try DescriptorDecoder.decode(Array(repeating: ref, count: 1_000_000) + [i32], version: version) }
        #expect(try DescriptorDecoder.decode(Array(repeating: ref, count: 10) + [i32], version: version) != .i32)
    }

    /// A guest that describes without ever casting: the words are capped, and dropped after a call.
    @Test func describeWordsAreCappedAndDroppedAfterEachCall() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        let describe = try guest.intrinsic(try Self.placeholderImport("__wbindgen_describe", of: guest),
                                           type: FunctionType(parameters: [.i32], results: []), imports: [:])
        #expect(throws: BridgeError.self) {
            for _ in 0..<100_000 { _ = try describe.call([.i32(1)]) }
        }
        #expect(guest.castWords.count <= 4096)
        guest.castWords = [1, 2, 3]
        #expect(try guest.call("greet", ["x"]) == "Hello, x!")
        #expect(guest.castWords.isEmpty)
    }

    /// A cast whose primitives lie outside memory is an error, not a read of zeros.
    @Test func aCastReadingOutsideMemoryIsAnError() throws {
        let guest = try GuestTests.guest("greet", .v0_2_127)
        let codes = BindgenVersion.v0_2_122.codes
        func code(_ what: DescriptorCode) throws -> UInt32 { UInt32(try #require(codes.firstIndex(of: what))) }
        // FUNCTION, shim 0, one argument: F64, result EXTERNREF, inner result EXTERNREF
        guest.castWords = [try code(.function), 0, 1, try code(.f64), try code(.externref), try code(.externref)]
        #expect(throws: BridgeError.self) { _ = try guest.cast(prims: Int32(bitPattern: UInt32(guest.memory.byteCount - 4))) }
    }

    /// `Result<Option<i32>, JsValue>` from schema 0.2.96 on: the option is one f64 at offset 0,
    /// the error flag after it.
    @Test func aResultOfAnF64OptionReadsTheF64() throws {
        let guest = try GuestTests.guest("greet", Self.v0_2_100)
        func area(_ value: Double) throws {
            var bytes = (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> ($0 * 8)) }
            bytes += Array(repeating: 0, count: 8)
            try guest.memory.write(bytes, at: Int(UInt32(bitPattern: guest.scratch)))
        }
        try area(5)
        #expect(try guest.liftFromReturnPointer(.result(.optional(.i32)), function: "f") == .integer(5))
        try area(-2.5)
        #expect(try guest.liftFromReturnPointer(.result(.optional(.f32)), function: "f") == .number(-2.5))
        try area(try #require(BindgenVersion.v0_2_100.f64OptionNone))
        #expect(try guest.liftFromReturnPointer(.result(.optional(.u32)), function: "f") == .null)
    }
}

extension MalformedGuestTests {
    /// Only wasm-bindgen's own crate declares its intrinsics, not wasm-bindgen-futures or a
    /// user's crate whose name starts the same.
    @Test func onlyWasmBindgenItselfIsTheBindgenCrate() {
        #expect(ProgramSection.isBindgen("wasm-bindgen-e42adeacb4f69917"))
        #expect(!ProgramSection.isBindgen("wasm-bindgen-futures-e42adeacb4f69917"))
        #expect(!ProgramSection.isBindgen("wasm-bindgen-test-0123"))
        #expect(!ProgramSection.isBindgen("jsvalue-c7e32f9f338d50cd"))
    }
}
