/// A type of an AssemblyScript export's parameter or result, as the sidecar names it in
/// AssemblyScript's own spelling (`string`, `Int32Array`, `Array<i32>`, `StaticArray<f64>`).
public indirect enum ASType: Sendable, Equatable, CustomStringConvertible {
    /// A number or `bool`, passed as a WebAssembly value.
    case scalar(ASScalar)
    /// A UTF-16 string (class id 2).
    case string
    /// Raw bytes (class id 1); JSON as an array of byte values.
    case arrayBuffer
    /// A typed array view (`Int32Array`, `Float64Array`, ...): a 12-byte header over an ArrayBuffer.
    case typedArray(ASScalar)
    /// `Array<T>`: a 16-byte header (buffer, data start, byte length, length).
    case array(ASType)
    /// `StaticArray<T>`: the payload is the elements.
    case staticArray(ASScalar)
    /// A nullable reference (`string | null`): 0 is JSON null.
    case nullable(ASType)
    /// No result.
    case void

    /// Reads the sidecar's spelling; nil for a type the host does not convert.
    public init?(_ text: String) {
        let text = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if text.hasSuffix("| null") {
            let innerText = String(text.dropLast(6))
            // One `| null`, around a type that is not itself nullable.
            guard !innerText.contains("|"), let inner = ASType(innerText), inner.isManaged else { return nil }
            self = .nullable(inner)
            return
        }
        if let scalar = ASScalar(rawValue: text) {
            self = .scalar(scalar)
            return
        }
        switch text {
        case "string": self = .string
        case "ArrayBuffer": self = .arrayBuffer
        case "void": self = .void
        default:
            if let element = Self.typedArrays[text] {
                self = .typedArray(element)
            } else if text.hasPrefix("Array<"), text.hasSuffix(">") {
                // Elements are numbers or strings: nothing nests, so parsing never recurses deeply.
                let elementText = String(text.dropFirst(6).dropLast())
                if elementText == "string" {
                    self = .array(.string)
                } else if let scalar = ASScalar(rawValue: elementText) {
                    self = .array(.scalar(scalar))
                } else {
                    return nil
                }
            } else if text.hasPrefix("StaticArray<"), text.hasSuffix(">"),
                      let element = ASScalar(rawValue: String(text.dropFirst(12).dropLast())) {
                self = .staticArray(element)
            } else {
                return nil
            }
        }
    }

    static let typedArrays: [String: ASScalar] = [
        "Int8Array": .i8, "Uint8Array": .u8, "Uint8ClampedArray": .u8, "Int16Array": .i16, "Uint16Array": .u16,
        "Int32Array": .i32, "Uint32Array": .u32, "Int64Array": .i64, "Uint64Array": .u64,
        "Float32Array": .f32, "Float64Array": .f64,
    ]

    /// Whether values of the type are objects in the guest's heap (passed as pointers).
    var isManaged: Bool {
        switch self {
        case .scalar, .void: false
        default: true
        }
    }

    var scalar: ASScalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    /// The type as the sidecar spells it.
    public var description: String {
        switch self {
        case .scalar(let scalar): scalar.rawValue
        case .string: "string"
        case .arrayBuffer: "ArrayBuffer"
        case .typedArray(let element): Self.typedArrays.first { $0.value == element }.map(\.key) ?? "TypedArray<\(element)>"
        case .array(let element): "Array<\(element)>"
        case .staticArray(let element): "StaticArray<\(element.rawValue)>"
        case .nullable(let inner): "\(inner) | null"
        case .void: "void"
        }
    }
}

/// AssemblyScript's number types and `bool`.
public enum ASScalar: String, Sendable, Equatable {
    case i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, bool, isize, usize

    /// log2 of the bytes an element takes in an array.
    var alignLog2: Int {
        switch self {
        case .i8, .u8, .bool: 0
        case .i16, .u16: 1
        case .i32, .u32, .f32, .isize, .usize: 2
        case .i64, .u64, .f64: 3
        }
    }

    var isSigned: Bool { [.i8, .i16, .i32, .i64, .isize].contains(self) }
    var isFloat: Bool { self == .f32 || self == .f64 }
}
