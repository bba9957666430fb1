/// Commands of the 2.0 suite whose module WebAssembly 3.0 reads differently, with 3.0's
/// verdict on the same bytes, which the runner checks instead of the 2.0 one. Hearth
/// implements 3.0, where multi-memory gives meaning to bytes 2.0 rejected: the reserved zero
/// byte of `memory.size` and `memory.grow` is a memory index (any LEB128 encoding of 0 is
/// memory 0), bit 6 of a load's or store's alignment flags announces a memory index, an
/// alignment exponent up to 63 decodes (and is then too large for the access), and a module
/// may have several memories. A constant expression may read any earlier immutable global,
/// not only imported ones. And limits are 64-bit numbers: a longer LEB128 decodes, and a
/// 32-bit overflow is a size past the memory's bound. The 3.0 suite's copies of these scripts (wasm3/align,
/// wasm3/binary, wasm3/memory, wasm3/imports, wasm3/global, wasm3/data, wasm3/elem,
/// multi-memory/) test the same rules, some on the very same bytes.
enum ChangedIn3 {
    /// What 3.0 says of a module: it validates, or validation rejects it for this reason.
    enum Verdict {
        case valid
        case invalid(String)
    }

    /// The 2.0 commands ("wasm2/folder/file.json:line") and 3.0's verdict on their modules.
    static let verdicts: [String: Verdict] = [
        // Alignment flags 32, 33 and 63: an exponent too large for a 4-byte load.
        "wasm2/align/align.json:892": .invalid("alignment must not be larger than natural"),
        "wasm2/align/align.json:911": .invalid("alignment must not be larger than natural"),
        "wasm2/align/align.json:930": .invalid("alignment must not be larger than natural"),
        // Flags 64 and 65: memory index 0 follows, so the next byte is the offset and the
        // load's result is left on the stack of a function that returns nothing.
        "wasm2/align/align.json:949": .invalid("type mismatch"),
        "wasm2/align/align.json:968": .invalid("type mismatch"),
        // `memory.grow` and `memory.size` of memory 1, in a module with one memory.
        "wasm2/binary/binary.json:126": .invalid("unknown memory 1"),
        "wasm2/binary/binary.json:224": .invalid("unknown memory 1"),
        // Memory 0 as a LEB128 of two to five bytes.
        "wasm2/binary/binary.json:146": .valid,
        "wasm2/binary/binary.json:166": .valid,
        "wasm2/binary/binary.json:185": .valid,
        "wasm2/binary/binary.json:204": .valid,
        "wasm2/binary/binary.json:243": .valid,
        "wasm2/binary/binary.json:262": .valid,
        "wasm2/binary/binary.json:280": .valid,
        "wasm2/binary/binary.json:298": .valid,
        // Two memories, imported or defined.
        "wasm2/imports/imports.json:488": .valid,
        "wasm2/imports/imports.json:492": .valid,
        "wasm2/imports/imports.json:496": .valid,
        "wasm2/memory/memory.json:10": .valid,
        "wasm2/memory/memory.json:11": .valid,
        // `global.get` of a defined immutable global in a global's initialiser or a segment's
        // offset (wasm3/global.json:373-374, wasm3/data.json:89-90, wasm3/elem.json:178-182).
        "wasm2/global/global.json:352": .valid,
        "wasm2/global/global.json:356": .valid,
        "wasm2/data/data.json:89": .valid,
        "wasm2/data/data.json:93": .valid,
        "wasm2/elem/elem.json:171": .valid,
        "wasm2/elem/elem.json:175": .valid,
        // A memory's minimum or maximum as a six-byte LEB128 (a u64 may take ten).
        "wasm2/binary-leb128/binary-leb128.json:218": .valid,
        "wasm2/binary-leb128/binary-leb128.json:226": .valid,
        // A minimum or maximum with bits set past 32: a size past 65536 pages.
        "wasm2/binary-leb128/binary-leb128.json:526": .invalid("memory size must be at most 65536"),
        "wasm2/binary-leb128/binary-leb128.json:534": .invalid("memory size must be at most 65536"),
        "wasm2/binary-leb128/binary-leb128.json:542": .invalid("memory size must be at most 65536"),
        "wasm2/binary-leb128/binary-leb128.json:551": .invalid("memory size must be at most 65536"),
    ]
}
