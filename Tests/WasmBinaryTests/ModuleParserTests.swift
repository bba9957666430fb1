import Testing
@testable import WasmBinary

@Suite struct ModuleParserTests {
    let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    @Test func parsesTheEmptyModule() throws {
        let module = try ModuleParser.parse(header)
        #expect(module.types.isEmpty && module.functions.isEmpty)
    }

    @Test func rejectsABadMagicNumberAtOffsetZero() {
        #expect(throws: WasmBinaryError("magic header not detected", offset: 0)) {
            try ModuleParser.parse([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00])
        }
    }

    /// A file too short for the header is cut off, whatever its first bytes; a section may
    /// not claim more bytes than the module has left.
    @Test func rejectsTruncatedHeadersAndSections() {
        for bytes: [UInt8] in [[], [0x01], [0x00, 0x61, 0x73, 0x6D], [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00]] {
            #expect(throws: WasmBinaryError("unexpected end", offset: bytes.count < 4 ? 0 : 4)) { try ModuleParser.parse(bytes) }
        }
        #expect(throws: WasmBinaryError("length out of bounds: section 1 needs 7 bytes, 4 left", offset: 10)) {
            try ModuleParser.parse(header + [0x01, 0x07, 0x02, 0x60, 0x00, 0x00])
        }
    }

    @Test func rejectsSectionsOutOfOrder() {
        // A memory section (5) followed by a type section (1).
        let bytes = header + [0x05, 0x03, 0x01, 0x00, 0x01, 0x01, 0x01, 0x00]
        #expect(throws: WasmBinaryError("unexpected content after last section (section 1 out of order)", offset: 13)) {
            try ModuleParser.parse(bytes)
        }
    }

    @Test func readsTypesImportsAndExports() throws {
        let bytes = header + [
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,  // type 0: (i32) -> i32
            0x02, 0x07, 0x01, 0x01, 0x6D, 0x01, 0x66, 0x00, 0x00,  // import "m" "f" func 0
            0x07, 0x05, 0x01, 0x01, 0x67, 0x00, 0x00,  // export "g" func 0
        ]
        let module = try ModuleParser.parse(bytes)
        #expect(module.types == [FunctionType(parameters: [.i32], results: [.i32])])
        #expect(module.imports.first?.name == "f")
        #expect(module.exports.first?.name == "g")
    }

    @Test func comparesNamesAsBytes() {
        // "Å" precomposed and decomposed are canonically equivalent but distinct names.
        #expect(Name(bytes: [0xC3, 0x85]) != Name(bytes: [0x41, 0xCC, 0x8A]))
    }

    @Test func rejectsMalformedUTF8InNames() {
        var reader = BinaryReader(bytes: [0x02, 0xC0, 0x80])
        #expect(throws: WasmBinaryError("malformed UTF-8 encoding", offset: 1)) { try reader.readName() }
    }
}
