import CWasmEngine
import WasmBinary


/// A WebAssembly value as the embedder sees it. Floats keep their exact bits (use
/// `Float(bitPattern:)` to build NaNs with payloads).
public enum Value: Sendable, CustomStringConvertible {
    case i32(Int32)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    /// Lane bytes 0...7 and 8...15, little-endian.
    case v128(low: UInt64, high: UInt64)
    case funcref(Function?)
    /// An opaque host value; nil is `ref.null extern`.
    case externref(UInt64?)
    /// An exception a guest caught with `catch_ref`; nil is `ref.null exn`.
    case exnref(ExceptionReference?)

    /// The default value of a type: zero bits, or a null reference.
    public static func zero(_ type: ValueType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .v128: .v128(low: 0, high: 0)
        case .ref(let reference):
            switch reference.heapType.top {
            case .extern: .externref(nil)
            case .exception: .exnref(nil)
            default: .funcref(nil)
            }
        }
    }

    /// The value's type; a null reference still has its reference type.
    public var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .funcref: .funcref
        case .externref: .externref
        case .exnref: .exnref
        }
    }

    /// Whether the value is one of `type`'s: a number of that type, or a reference of its
    /// hierarchy that is not null where `type` excludes null (and a function of the type a
    /// concrete reference type names).
    public func fits(_ type: ValueType) -> Bool {
        guard case .ref(let expected) = type else { return self.type == type }
        guard case .ref(let own) = self.type, own.heapType.top == expected.heapType.top else { return false }
        let isNull: Bool
        switch self {
        case .funcref(let function):
            isNull = function == nil
            if let function, case .concrete(let id) = expected.heapType, function.handle.pointee.typeID != id { return false }
        case .externref(let value): isNull = value == nil
        case .exnref(let exception): isNull = exception == nil
        default: return false
        }
        if isNull { return expected.isNullable }
        return expected.heapType != expected.heapType.bottom
    }

    /// Numbers as Swift prints them (integers signed), a v128 as its 16 bytes, references as
    /// the text format names them (`ref.null func`).
    public var description: String {
        switch self {
        case .i32(let v): "\(v)"
        case .i64(let v): "\(v)"
        case .f32(let v): "\(v)"
        case .f64(let v): "\(v)"
        case .v128(let low, let high):
            "v128 i8x16 " + V128(low: low, high: high).bytes.map { String($0) }.joined(separator: " ")
        case .funcref(let f): f == nil ? "ref.null func" : "funcref"
        case .externref(let v): v.map { "ref.extern \($0)" } ?? "ref.null extern"
        case .exnref(let e): e == nil ? "ref.null exn" : "exnref"
        }
    }

    /// Writes the value into frame slots (one, or two for v128).
    func store(to slots: UnsafeMutablePointer<UInt64>) {
        switch self {
        case .i32(let v): slots.pointee = UInt64(UInt32(bitPattern: v))
        case .i64(let v): slots.pointee = UInt64(bitPattern: v)
        case .f32(let v): slots.pointee = UInt64(v.bitPattern)
        case .f64(let v): slots.pointee = v.bitPattern
        case .v128(let low, let high):
            slots.pointee = low
            slots[1] = high
        case .funcref(let f): slots.pointee = f.map { UInt64(UInt(bitPattern: $0.handle)) } ?? 0
        case .externref(let v): slots.pointee = v.map { $0 &+ 1 } ?? 0
        case .exnref(let e): slots.pointee = e.map { UInt64(UInt(bitPattern: $0.handle)) } ?? 0
        }
    }

    /// Reads a value of `type` from frame slots.
    static func load(_ type: ValueType, from slots: UnsafePointer<UInt64>, store: Store) -> Value {
        let bits = slots.pointee
        switch type {
        case .i32: return .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .i64: return .i64(Int64(bitPattern: bits))
        case .f32: return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .f64: return .f64(Double(bitPattern: bits))
        case .v128: return .v128(low: bits, high: slots[1])
        case .ref(let reference):
            switch reference.heapType.top {
            case .extern: return .externref(bits == 0 ? nil : bits &- 1)
            case .exception:
                guard let pointer = UnsafeMutablePointer<HException>(bitPattern: UInt(bits)) else { return .exnref(nil) }
                pointer.pointee.exposed = UInt32(HEXCEPTION_HOST_HELD)  // kept with the store from now on
                return .exnref(ExceptionReference(handle: pointer))
            default:
                guard let pointer = UnsafeMutablePointer<HFunc>(bitPattern: UInt(bits)) else { return .funcref(nil) }
                return .funcref(Function(handle: pointer, store: store))
            }
        }
    }
}

/// An exception held as a value (`exnref`): opaque to the host, which can pass it back.
public struct ExceptionReference: @unchecked Sendable {
    let handle: UnsafeMutablePointer<HException>
}
