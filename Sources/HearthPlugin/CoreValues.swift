import JSON
import WasmBinary
import WasmEngine

/// JSON numbers to and from the values of a plain module's function, by its wasm type.
enum CoreValues {
    /// `arguments` as the parameters of `type`: integers for i32 (signed or unsigned 32-bit)
    /// and i64 (signed or unsigned 64-bit), numbers for f32 and f64. Throws `PluginError`
    /// (E606) naming `function` for a count, type or value that does not fit.
    static func arguments(_ arguments: [JSON], for type: FunctionType, function: String) throws(PluginError) -> [Value] {
        guard arguments.count == type.parameters.count else {
            throw PluginError(.badCall, "\(function) takes \(type.parameters.count) arguments \(type), \(arguments.count) given")
        }
        guard (type.parameters + type.results).allSatisfy({ !$0.isReference && $0 != .v128 }) else {
            throw PluginError(.badCall, "\(function) has the type \(type): only i32, i64, f32 and f64 convert to and from JSON",
                              remedy: "call it through PluginInstance.instance(of:) with engine values")
        }
        var values: [Value] = []
        for (index, (argument, parameter)) in zip(arguments, type.parameters).enumerated() {
            let value: Value?
            switch parameter {
            case .i32: value = argument.integer(as: Int32.self).map { .i32($0) } ?? argument.integer(as: UInt32.self).map { .i32(Int32(bitPattern: $0)) }
            case .i64: value = argument.integer(as: Int64.self).map { .i64($0) } ?? argument.integer(as: UInt64.self).map { .i64(Int64(bitPattern: $0)) }
            case .f32: value = argument.doubleValue.map { .f32(Float($0)) }
            default: value = argument.doubleValue.map { .f64($0) }
            }
            guard let value else {
                throw PluginError(.badCall, "\(function): argument \(index + 1) must be \(parameter), got \(argument)")
            }
            values.append(value)
        }
        return values
    }

    /// A function's results as JSON: `null` for none, the value for one, an array for several.
    static func json(_ results: [Value]) -> JSON {
        func json(_ value: Value) -> JSON {
            switch value {
            case .i32(let v): .integer(Int64(v))
            case .i64(let v): .integer(v)
            case .f32(let v): .number(Double(v))
            case .f64(let v): .number(v)
            default: .null  // not reached: `arguments` refuses functions of other types
            }
        }
        switch results.count {
        case 0: return .null
        case 1: return json(results[0])
        default: return .array(results.map(json))
        }
    }
}
