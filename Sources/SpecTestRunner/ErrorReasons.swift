/// The spec's reasons for rejecting a module or stopping a run (the `text` of an
/// `assert_malformed`, `assert_invalid`, `assert_unlinkable`, `assert_uninstantiable`,
/// `assert_trap` or `assert_exhaustion`), and how Hearth words them.
///
/// The texts are the reference interpreter's messages. A Hearth message gives the reason when
/// it begins with the spec's text, or with Hearth's wording of it from `hearthWording`; for
/// the few commands where Hearth finds another fault of the same malformed module first,
/// `otherFirstFault` names the command and the message Hearth gives instead.
enum ErrorReasons {
    /// Hearth's wording, where it differs from the reference interpreter's: each spec text
    /// with the beginnings of the Hearth messages that mean the same.
    static let hearthWording: [String: [String]] = [
        // Both mean that the bytes ran out. The reference interpreter's choice between the two
        // depends on which of its reading functions ran out; Hearth says "unexpected end" at
        // the end of the module and the longer text at the end of a section or body before it.
        "unexpected end of section or function": ["unexpected end"],
        // A body's bytes end before its final `end`: Hearth reads past the end of the body.
        "END opcode expected": ["unexpected end of section or function"],
        "memory size must be at most 65536 pages (4GiB)": ["memory size must be at most 65536"],
        // The reference interpreter names the element's index; Hearth's trap does not.
        "uninitialized element 2": ["uninitialized element"],
        "illegal opcode ff": ["illegal opcode 0xff"],
        // 3.0's wording of 2.0's "global is immutable" (wasm3/global.json).
        "immutable global": ["global is immutable"],
    ]

    /// Commands of the 2.0 suite (script as `wasm2/folder/file.json`, and line) where Hearth
    /// reports a different fault of the same malformed module than the reference interpreter,
    /// because it finds that one first, with the beginning of Hearth's message. Each is still a decoding error; the list is of
    /// single commands so that it hides nothing else.
    static let otherFirstFault: [String: String] = [
        // Hearth reads a section or body only up to its declared end; the reference
        // interpreter reads on into the bytes after it and trips over those.
        "wasm2/binary-leb128/binary-leb128.json:348": "unexpected end of section or function",
        "wasm2/binary/binary.json:93": "unexpected end of section or function",
        "wasm2/binary/binary.json:113": "unexpected end of section or function",
        "wasm2/binary/binary.json:929": "unexpected end of section or function",
        // An over-long LEB128 in a body makes the code section end inside the body. Hearth
        // decodes bodies after the sections (as it translates them), so it first finds the
        // leftover bytes of the body as a section with an unknown id.
        "wasm2/binary-leb128/binary-leb128.json:405": "malformed section id 128",
        "wasm2/binary-leb128/binary-leb128.json:462": "malformed section id 128",
        "wasm2/binary-leb128/binary-leb128.json:731": "malformed section id 128",
        "wasm2/binary-leb128/binary-leb128.json:751": "malformed section id 128",
        "wasm2/binary-leb128/binary-leb128.json:846": "malformed section id 128",
        "wasm2/binary-leb128/binary-leb128.json:866": "malformed section id 128",
        // Hearth reads the limits flags and the function type's form as the bytes of the
        // spec's grammar (spec 5.3.7, 5.3.6); the reference interpreter reads LEB128 integers.
        "wasm2/binary-leb128/binary-leb128.json:1073": "malformed function type",
        "wasm2/binary/binary.json:805": "malformed limits flags 0x2",
        "wasm2/binary/binary.json:814": "malformed limits flags 0x8",
        "wasm2/binary/binary.json:824": "malformed limits flags 0x81",
        "wasm2/binary/binary.json:852": "malformed limits flags 0x2",
        "wasm2/binary/binary.json:860": "malformed limits flags 0x10",
        "wasm2/binary/binary.json:869": "malformed limits flags 0x81",
        "wasm2/binary/binary.json:878": "malformed limits flags 0x81",
        // Two code sections, the first one short of a function: Hearth compares the counts
        // when it reads the code section, the reference interpreter after the last section.
        "wasm2/binary/binary.json:1190": "function and code section have inconsistent lengths",
        // Import kind 4 is a tag since WebAssembly 3.0: the module still ends too early, in
        // the tag's type (3.0's binary.wast tests kind 5 instead).
        "wasm2/binary/binary.json:680": "unexpected end",
        "wasm2/binary/binary.json:690": "unexpected end",
        // The same commands as above in the 3.0 suite's binary-leb128.wast and binary.wast (its
        // limits are 64-bit LEB128s now, in sections declared too short for them).
        "wasm3/binary-leb128/binary-leb128.json:218": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:226": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:348": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:405": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:462": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:526": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:534": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:542": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:551": "unexpected end of section or function",
        "wasm3/binary-leb128/binary-leb128.json:731": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:750": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:844": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:863": "malformed section id 128",
        "wasm3/binary-leb128/binary-leb128.json:1068": "malformed function type",
        "wasm3/binary/binary.json:93": "unexpected end of section or function",
        "wasm3/binary/binary.json:738": "unexpected end of section or function",
        "wasm3/binary/binary.json:999": "function and code section have inconsistent lengths",
    ]

    /// Whether Hearth's `message` gives the reason the spec calls `text` for the command at
    /// `location` ("wasm2/folder/file.json:line"): it begins with the wording, and the wording ends there
    /// or at a word's end ("unknown global 1" is not "unknown global 10").
    static func message(_ message: String, means text: String, at location: String) -> Bool {
        // The 3.0 suite spells out the types of a mismatch in the reference interpreter's
        // notation ("type mismatch: instruction requires [i32] but stack has []"); Hearth
        // names them in its own words after the same reason.
        if text.hasPrefix("type mismatch: "), message.hasPrefix("type mismatch") { return true }
        let wordings = otherFirstFault[location].map { [$0] } ?? hearthWording[text] ?? [text]
        return wordings.contains { wording in
            guard !wording.isEmpty, message.hasPrefix(wording) else { return false }
            let rest = message.dropFirst(wording.count)
            return rest.first.map { !$0.isLetter && !$0.isNumber } ?? true
        }
    }
}
