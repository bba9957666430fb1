import Foundation
import JSON
import WasmEngine

extension Guest {
    /// What one of wasm-bindgen's own imports does (0.2.105 on), found by what the custom
    /// section says it is — `__wbindgen_throw`, `JSON.parse`, `Error` — whatever its hashed
    /// wasm name. `callImport` converts its arguments and result per the import's descriptor.
    /// The section's descriptor must give it the arguments its body reads, or it is a link error.
    func describedIntrinsic(_ bound: BoundFunction) throws -> ([JsValueContent]) throws -> JsValueContent {
        let body = try describedBody(bound)
        let arity = bound.name == "__wbindgen_jsval_eq" || bound.name == "__wbindgen_jsval_loose_eq" ? 2 : 1
        guard bound.signature.arguments.count == arity else {
            throw LinkError("the guest (\(bindings.versionLabel)) describes "
                + "\(bound.name) (\(bound.wasmName)) with \(bound.signature.arguments.count) arguments; it takes \(arity)")
        }
        return body
    }

    private func describedBody(_ bound: BoundFunction) throws -> ([JsValueContent]) throws -> JsValueContent {
        func text(_ value: JsValueContent) -> String? { if case .json(.string(let text)) = value { text } else { nil } }
        func truthy(_ value: JsValueContent) -> Bool {
            switch value {
            case .undefined, .json(.null), .json(.bool(false)): false
            case .json(.string(let text)): !text.isEmpty
            case .json(let json): json.doubleValue.map { $0 != 0 && !$0.isNaN } ?? true
            default: true
            }
        }
        switch bound.name {
        case "__wbindgen_throw":
            return { [unowned self] in throw GuestError(function: currentFunction, value: .error(text($0[0]) ?? "")) }
        case "__wbindgen_rethrow":
            return { [unowned self] in throw GuestError(function: currentFunction, value: $0[0]) }
        case "Error":
            return { .error(text($0[0]) ?? "") }
        case "__wbindgen_string_get":
            return { text($0[0]).map { .json(.string($0)) } ?? .undefined }
        case "__wbindgen_number_get":
            return { if case .json(let json) = $0[0], let number = json.doubleValue { .json(.number(number)) } else { .undefined } }
        case "Number":
            return { arguments in
                let number: Double = switch arguments[0] {
                case .json(.string(let text)):
                    text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? 0 : Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
                case .json(.bool(let flag)): flag ? 1 : 0
                case .json(.null): 0
                case .json(let json): json.doubleValue ?? .nan
                default: .nan
                }
                return .json(.number(number))
            }
        case "__wbindgen_boolean_get":
            return { if case .json(.bool(let value)) = $0[0] { .json(.bool(value)) } else { .undefined } }
        case "__wbindgen_is_null":
            return { .json(.bool($0[0] == .json(.null))) }
        case "__wbindgen_is_undefined":
            return { .json(.bool($0[0] == .undefined)) }
        case "__wbindgen_is_null_or_undefined":
            return { .json(.bool($0[0] == .undefined || $0[0] == .json(.null))) }
        case "__wbindgen_is_string":
            return { .json(.bool(text($0[0]) != nil)) }
        case "__wbindgen_is_object":
            return { arguments in
                switch arguments[0] {
                case .json(.object), .json(.array), .error, .object: .json(.bool(true))
                default: .json(.bool(false))
                }
            }
        case "__wbindgen_is_function", "__wbindgen_is_symbol", "__wbindgen_is_bigint":
            return { _ in .json(.bool(false)) }
        case "__wbindgen_is_falsy":
            return { .json(.bool(!truthy($0[0]))) }
        case "Array.isArray":
            return { if case .json(.array) = $0[0] { .json(.bool(true)) } else { .json(.bool(false)) } }
        case "__wbindgen_jsval_eq":
            return { .json(.bool($0[0] == $0[1])) }
        case "__wbindgen_jsval_loose_eq":
            // `==`: also null == undefined (other coercions are not modelled).
            return { .json(.bool($0[0] == $0[1] || ([.undefined, .json(.null)].contains($0[0]) && [.undefined, .json(.null)].contains($0[1])))) }
        case "__wbindgen_debug_string":
            // As the fixed-name intrinsic of earlier versions writes it: a string quoted.
            return { .json(.string($0[0].json.serialized())) }
        case "JSON.parse":
            return { arguments in .json(try JSON.parse(text(arguments[0]) ?? "")) }
        case "JSON.stringify":
            return { $0[0] == .undefined ? .undefined : .json(.string($0[0].json.serialized())) }
        default:
            throw LinkError("the guest (\(bindings.versionLabel)) imports "
                + "\(bound.name) (\(bound.wasmName)), which Hearth does not provide yet")
        }
    }
}
