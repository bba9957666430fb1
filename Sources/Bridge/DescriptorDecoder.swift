/// Decodes the words a describe function reported, using one version's code table.
struct DescriptorDecoder {
    let version: BindgenVersion
    var words: [UInt32]
    var position = 0
    /// How many descriptors enclose the one being decoded.
    var depth = 0
    /// The deepest nesting decoded; real types nest a few levels.
    static let depthLimit = 64

    init(version: BindgenVersion, words: [UInt32]) {
        self.version = version
        self.words = words
    }

    mutating func next() throws(BridgeError) -> UInt32 {
        guard position < words.count else { throw BridgeError("descriptor ended early: \(words)") }
        defer { position += 1 }
        return words[position]
    }

    mutating func name() throws(BridgeError) -> String {
        let length = Int(try next())
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            guard let scalar = Unicode.Scalar(try next()) else { throw BridgeError("descriptor holds an invalid character") }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    mutating func decode() throws(BridgeError) -> Descriptor {
        guard depth < Self.depthLimit else { throw BridgeError("descriptor nests deeper than \(Self.depthLimit) levels") }
        depth += 1
        defer { depth -= 1 }
        let word = try next()
        guard Int(word) < version.codes.count else {
            throw BridgeError("unknown descriptor code \(word) for wasm-bindgen schema \(version.schema)")
        }
        switch version.codes[Int(word)] {
        case .i8: return .i8
        case .u8: return .u8
        case .i16: return .i16
        case .u16: return .u16
        case .i32: return .i32
        case .u32: return .u32
        case .i64: return .i64
        case .u64: return .u64
        case .f32: return .f32
        case .f64: return .f64
        case .boolean: return .bool
        case .char: return .char
        case .string: return .string
        case .cachedString: return .cachedString
        case .unit: return .unit
        case .externref: return .externref
        case .namedExternref: return .namedExternref(try name())
        case .enumeration: return .enumeration(hole: try next())
        case .namedEnumeration:
            _ = try name()
            return .enumeration(hole: try next())
        case .rustStruct: return .rustStruct(try name())
        case .ref, .longRef: return .ref(try decode())
        case .refMut: return .refMut(try decode())
        case .slice: return .slice(try decode())
        case .vector: return .vector(try decode())
        case .optional: return .optional(try decode())
        case .result: return .result(try decode())
        case .clamped: return .clamped(try decode())
        case .function: return .function(try functionBody())
        case .closure: throw BridgeError("closures are not supported")
        case .stringEnumeration: throw BridgeError("string enums are not supported")
        case .i128, .u128, .i64AsF64, .u64AsF64, .dynamicUnion, .nonNull, .rawPointer:
            throw BridgeError("descriptor \(version.codes[Int(word)]) is not supported")
        }
    }

    /// FUNCTION := shim index, argument count, arguments, result, inner result.
    mutating func functionBody() throws(BridgeError) -> FunctionDescriptor {
        let shim = try next()
        let count = try next()
        var arguments: [Descriptor] = []
        for _ in 0..<count { arguments.append(try decode()) }
        let result = try decode()
        _ = try decode()  // the inner result (differs only for async functions)
        return FunctionDescriptor(shimIndex: shim, arguments: arguments, result: result)
    }

    /// Decodes a whole describe stream, which must hold exactly one descriptor.
    static func decode(_ words: [UInt32], version: BindgenVersion) throws(BridgeError) -> Descriptor {
        var decoder = DescriptorDecoder(version: version, words: words)
        let descriptor = try decoder.decode()
        guard decoder.position == words.count else { throw BridgeError("descriptor has extra words: \(words)") }
        return descriptor
    }
}
