import JSON

/// A value on the host side of a `JsValue`.
public enum JsValueContent: Sendable, Equatable {
    /// JavaScript's `undefined` (`JsValue::UNDEFINED`).
    case undefined
    /// Any value JSON can express; `null` is JavaScript's `null`.
    case json(JSON)
    /// `new Error(message)` (what `JsError::new` and `__wbindgen_error_new` make).
    case error(String)
    /// An exported class instance turned into a `JsValue` (`__wbg_<class>_new`).
    case object(className: String, handle: UInt32)

    /// As JSON: undefined is null, an error is `{"error": message}`.
    public var json: JSON {
        switch self {
        case .undefined: return .null
        case .json(let value): return value
        case .error(let message): return ["error": .string(message)]
        case .object(let name, let handle): return ["class": .string(name), "handle": .integer(Int64(handle))]
        }
    }
}

/// The table of `JsValue`s the guest refers to by index (wasm-bindgen's heap mode: a raw
/// module refers to JS values by index in every version, reference types or not).
/// Indices below `reserved` are the borrowed-argument stack and the constants undefined,
/// null, true and false; a free slot holds the index of the next free one.
struct JsHeap {
    /// Where the constants start (JSIDX_OFFSET: the version table's `jsHeapOffset`).
    let offset: Int
    private var slots: [JsValueContent?]
    private var nextFree: [Int]
    private var stackPointer: Int

    init(offset: Int) {
        self.offset = offset
        slots = Array(repeating: nil, count: offset) + [.undefined, .json(.null), .json(.bool(true)), .json(.bool(false))]
        nextFree = []
        stackPointer = offset
    }

    var reserved: Int { offset + 4 }

    /// Objects the guest still holds (leak checks).
    var liveCount: Int { slots[reserved...].count { $0 != nil } }

    mutating func add(_ value: JsValueContent) -> Int32 {
        switch value {
        case .undefined: return Int32(offset)
        case .json(.null): return Int32(offset + 1)
        case .json(.bool(true)): return Int32(offset + 2)
        case .json(.bool(false)): return Int32(offset + 3)
        default: break
        }
        if let index = nextFree.popLast() {
            slots[index] = value
            return Int32(index)
        }
        slots.append(value)
        return Int32(slots.count - 1)
    }

    func get(_ index: Int32) throws(BridgeError) -> JsValueContent {
        guard index >= 0, Int(index) < slots.count, let value = slots[Int(index)] else {
            throw BridgeError("the guest used JsValue index \(index), which holds nothing")
        }
        return value
    }

    mutating func drop(_ index: Int32) {
        let index = Int(index)
        guard index >= reserved, index < slots.count, slots[index] != nil else { return }
        slots[index] = nil
        nextFree.append(index)
    }

    mutating func take(_ index: Int32) throws(BridgeError) -> JsValueContent {
        let value = try get(index)
        drop(index)
        return value
    }

    /// A `&JsValue` argument: a slot on the borrowed stack, released after the call.
    mutating func borrow(_ value: JsValueContent) throws(BridgeError) -> Int32 {
        guard stackPointer > 1 else { throw BridgeError("out of JsValue stack slots") }
        stackPointer -= 1
        slots[stackPointer] = value
        return Int32(stackPointer)
    }

    mutating func releaseBorrowed() {
        while stackPointer < offset {
            slots[stackPointer] = nil
            stackPointer += 1
        }
    }
}
