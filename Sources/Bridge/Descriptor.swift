/// A wasm-bindgen type descriptor: what `__wbindgen_describe_*` functions report, decoded.
public indirect enum Descriptor: Sendable, Equatable, CustomStringConvertible {
    case i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, bool, char, string, unit
    case externref
    case namedExternref(String)
    /// A C-style enum; `hole` is the value meaning None for `Option<Enum>`.
    case enumeration(hole: UInt32)
    /// An exported Rust struct (a class) by value.
    case rustStruct(String)
    case ref(Descriptor)
    case refMut(Descriptor)
    case slice(Descriptor)
    case vector(Descriptor)
    case optional(Descriptor)
    case result(Descriptor)
    case clamped(Descriptor)
    case cachedString
    case function(FunctionDescriptor)
    case closure

    /// A readable name close to the TypeScript wasm-bindgen would write.
    public var description: String {
        switch self {
        case .i8: "i8"
        case .u8: "u8"
        case .i16: "i16"
        case .u16: "u16"
        case .i32: "i32"
        case .u32: "u32"
        case .i64: "i64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .bool: "bool"
        case .char: "char"
        case .string, .cachedString: "string"
        case .unit: "void"
        case .externref: "any"
        case .namedExternref(let name): name
        case .enumeration: "enum"
        case .rustStruct(let name): name
        case .ref(let inner), .refMut(let inner): inner.description
        case .slice(let inner), .vector(let inner):
            switch inner {
            case .u8: "bytes"
            default: "\(inner)[]"
            }
        case .optional(let inner): "\(inner)?"
        case .result(let inner): "\(inner) throws"
        case .clamped(let inner): inner.description
        case .function(let function): function.description
        case .closure: "closure"
        }
    }
}

/// The descriptor of a function: its arguments and result (a method's `self` is not listed).
public struct FunctionDescriptor: Sendable, Equatable, CustomStringConvertible {
    public var shimIndex: UInt32
    public var arguments: [Descriptor]
    public var result: Descriptor

    public init(shimIndex: UInt32, arguments: [Descriptor], result: Descriptor) {
        self.shimIndex = shimIndex
        self.arguments = arguments
        self.result = result
    }

    public var description: String {
        "(" + arguments.map(\.description).joined(separator: ", ") + ") -> \(result)"
    }
}
