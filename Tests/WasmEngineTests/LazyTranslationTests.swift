import WasmBinary
import WasmEngine
import Testing

@Suite struct LazyTranslationTests {
    /// Two functions of type () -> i32: "good" returns 1; "bad" returns an i64 (invalid).
    let bytes: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type () -> i32
        0x03, 0x03, 0x02, 0x00, 0x00,  // two functions of type 0
        0x07, 0x0E, 0x02, 0x04, 0x67, 0x6F, 0x6F, 0x64, 0x00, 0x00, 0x03, 0x62, 0x61, 0x64, 0x00, 0x01,
        0x0A, 0x0B, 0x02,
        0x04, 0x00, 0x41, 0x01, 0x0B,  // good: i32.const 1
        0x04, 0x00, 0x42, 0x00, 0x0B,  // bad: i64.const 0
    ]

    /// A module whose one function "bad" holds the opcode 0xFF, which does not exist.
    let malformed: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  // type () -> ()
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, 0x62, 0x61, 0x64, 0x00, 0x00,
        0x0A, 0x05, 0x01, 0x03, 0x00, 0xFF, 0x0B,
    ]

    /// Bytes of a body that do not decode are a decoding error, eagerly or lazily, and name
    /// the function and the offset of the opcode.
    @Test func aBodyThatDoesNotDecodeIsAWasmBinaryError() throws {
        #expect(throws: WasmBinaryError("illegal opcode 0xff", offset: 32, functionIndex: 0)) { try Module(bytes: malformed) }
        let instance = try Instance(module: try Module(bytes: malformed, engine: Engine(configuration: .init(translation: .lazy))), store: Store())
        #expect(throws: WasmBinaryError("illegal opcode 0xff", offset: 32, functionIndex: 0)) {
            try instance.function(named: "bad")!.call([])
        }
    }

    @Test func eagerTranslationRejectsTheModule() {
        #expect(throws: InvalidModuleError.self) { try Module(bytes: bytes) }
    }

    @Test func lazyTranslationDefersTheErrorToTheFirstCall() throws {
        let module = try Module(bytes: bytes, engine: Engine(configuration: .init(translation: .lazy)))
        let store = Store(engine: module.engine)
        let instance = try Instance(module: module, store: store)
        guard case .i32(1) = try instance.function(named: "good")!.call([]).first else {
            Issue.record("good() should return 1"); return
        }
        do {
            _ = try instance.function(named: "bad")!.call([])
            Issue.record("bad() should not run")
        } catch let error as InvalidModuleError {
            #expect(error.functionIndex == 1)
        }
        // The store is still usable, and a second instance shares the translation.
        let second = try Instance(module: module, store: store)
        guard case .i32(1) = try second.function(named: "good")!.call([]).first else {
            Issue.record("good() should return 1"); return
        }
    }
}
