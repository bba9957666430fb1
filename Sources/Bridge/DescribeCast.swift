import WasmBinary
import WasmEngine

extension Guest {
    /// wasm-bindgen's casts (0.2.105 on: `JsValue::from_str`, `from_f64`, ...) in a raw module:
    /// the cast describes itself as `FUNCTION(from) -> to` through `__wbindgen_describe`, then
    /// calls `__wbindgen_describe_cast(func, prims)` with its argument split into primitives in
    /// memory at `prims`, and reads a `WasmRet<to>` at the address it gets back. The CLI would
    /// have turned this into a JS conversion; Hearth converts the value itself and returns an
    /// area of its own holding the result.
    func cast(prims: Int32) throws -> Int32 {
        defer { castWords.removeAll() }
        guard case .function(let signature) = try DescriptorDecoder.decode(castWords, version: bindings.version),
              signature.arguments.count == 1 else {
            throw BridgeError("a wasm-bindgen cast described itself as \(castWords), not as a one-argument function")
        }
        var values: [Value] = []
        var offset = Int(UInt32(bitPattern: prims))
        // The primitives the argument is split into, in memory order: only the single and
        // same-size splits occur for the casts supported, so Rust's tuple layout is their order.
        guard let primitives = signature.arguments[0].wasmArgumentTypes else {
            throw BridgeError("a wasm-bindgen cast from \(signature.arguments[0]) is not supported")
        }
        for type in primitives {
            let size = type == .i32 || type == .f32 ? 4 : 8
            guard offset + size <= memory.byteCount else {
                throw BridgeError("a wasm-bindgen cast from \(signature.arguments[0]) passed its argument at \(offset), outside the guest's memory")
            }
            let bits = try memory.read(at: offset, count: size).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            switch type {
            case .i32: values.append(.i32(Int32(truncatingIfNeeded: bits)))
            case .f32: values.append(.f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
            case .i64: values.append(.i64(Int64(bitPattern: bits)))
            case .f64: values.append(.f64(Double(bitPattern: bits)))
            default: throw BridgeError("a wasm-bindgen cast from \(signature.arguments[0]) is not supported")
            }
            offset += size
        }
        if castArea == 0 { castArea = try malloc(16, 8) }
        let cast = BoundFunction(name: "cast \(signature)", wasmName: "__wbindgen_describe_cast", argumentNames: [], signature: signature)
        if signature.result.returnsThroughPointer(in: bindings.version) { values.insert(.i32(castArea), at: 0) }
        let results = try callImport(cast, values) { $0[0] }
        var bytes: [UInt8] = []
        for result in results {
            switch result {
            case .i32(let v): bytes += (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) }
            case .f32(let v): bytes += (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> ($0 * 8)) }
            case .i64(let v): bytes += (0..<8).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) }
            case .f64(let v): bytes += (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> ($0 * 8)) }
            default: throw BridgeError("a wasm-bindgen cast to \(signature.result) is not supported")
            }
        }
        if !bytes.isEmpty { try memory.write(bytes, at: Int(UInt32(bitPattern: castArea))) }
        return castArea
    }
}
