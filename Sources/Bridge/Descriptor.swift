/// A wasm-bindgen type descriptor: what `__wbindgen_describe_*` functions report, decoded.
public indirect enum Descriptor: Sendable, Equatable, CustomStringConvertible {
    /// Rust's scalars, `String` (`string`) and `()` (`unit`).
    case i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, bool, char, string, unit
    /// A `JsValue`: an index into the guest's `JsValue` heap.
    case externref
    /// An imported JS type (`#[wasm_bindgen] extern "C" { type Foo; }`), by name.
    case namedExternref(String)
    /// A C-style enum; `hole` is the value meaning None for `Option<Enum>`.
    case enumeration(hole: UInt32)
    /// An exported Rust struct (a class) by value.
    case rustStruct(String)
    /// `&T`.
    case ref(Descriptor)
    /// `&mut T`.
    case refMut(Descriptor)
    /// `[T]`, which appears behind a reference: `&[T]`, `&mut [T]`.
    case slice(Descriptor)
    /// `Vec<T>` or `Box<[T]>`, owned by whoever receives it.
    case vector(Descriptor)
    /// `Option<T>`.
    case optional(Descriptor)
    /// `Result<T, JsValue>`: the error comes back through the return pointer.
    case result(Descriptor)
    /// `Clamped<T>` (a `Uint8ClampedArray` in JS); the same bytes as `T` here.
    case clamped(Descriptor)
    /// A `String` wasm-bindgen may cache on the JS side; passed like `string`.
    case cachedString
    /// A function: what a describe function of an export or import reports.
    case function(FunctionDescriptor)

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
        }
    }
}

/// The descriptor of a function: its arguments and result (a method's `self` is not listed).
public struct FunctionDescriptor: Sendable, Equatable, CustomStringConvertible {
    /// wasm-bindgen's index of the function's JS shim; meaningless without the JS glue.
    package var shimIndex: UInt32
    /// Argument types, in order.
    public var arguments: [Descriptor]
    /// The result type; `.unit` for none.
    public var result: Descriptor

    /// A descriptor, as the describe decoder builds one.
    package init(shimIndex: UInt32, arguments: [Descriptor], result: Descriptor) {
        self.shimIndex = shimIndex
        self.arguments = arguments
        self.result = result
    }

    /// `(i32, string) -> string`.
    public var description: String {
        "(" + arguments.map(\.description).joined(separator: ", ") + ") -> \(result)"
    }
}
