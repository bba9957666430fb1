import JSON

/// The parameter and result types of an AssemblyScript module's exports, which its binary
/// does not carry: read from a small sidecar next to the module (`NAME.as.json`):
///
/// ```json
/// {"functions": {"greet": {"parameters": ["string"], "result": "string"}}}
/// ```
///
/// Types are spelled as in AssemblyScript (`i32`, `f64`, `bool`, `string`, `ArrayBuffer`,
/// `Int32Array`, `Array<i32>`, `Array<string>`, `StaticArray<f64>`, `string | null`, `void`).
public struct ASSignatures: Sendable {
    /// Each export's types, by export name.
    public var functions: [String: ASFunctionSignature]

    /// Signatures given in Swift.
    public init(functions: [String: ASFunctionSignature]) {
        self.functions = functions
    }

    /// Reads a sidecar; throws `BridgeError` naming the export and the type it cannot read.
    public init(json: JSON) throws(BridgeError) {
        guard let functions = json["functions"]?.objectValue else {
            throw BridgeError("the AssemblyScript sidecar needs a \"functions\" object", remedy: ASSignatures.example)
        }
        var signatures: [String: ASFunctionSignature] = [:]
        for (name, entry) in functions {
            guard let parameters = entry["parameters"]?.arrayValue, let result = entry["result"]?.stringValue else {
                throw BridgeError("the AssemblyScript sidecar's \"\(name)\" needs \"parameters\" (an array) and \"result\"", remedy: ASSignatures.example)
            }
            func type(_ text: String?, _ place: String) throws(BridgeError) -> ASType {
                guard let text, let type = ASType(text) else {
                    throw BridgeError("the AssemblyScript sidecar's \"\(name)\" has \(place) of a type Hearth does not convert: \(text ?? "not a string")")
                }
                return type
            }
            var parameterTypes: [ASType] = []
            for (index, parameter) in parameters.enumerated() {
                let parsed = try type(parameter.stringValue, "parameter \(index)")
                guard parsed != .void else { throw BridgeError("the AssemblyScript sidecar's \"\(name)\" has a void parameter") }
                parameterTypes.append(parsed)
            }
            signatures[name] = ASFunctionSignature(parameters: parameterTypes, result: try type(result, "a result"))
        }
        self.functions = signatures
    }

    static let example = #"write {"functions": {"greet": {"parameters": ["string"], "result": "string"}}}"#
}

/// An AssemblyScript export's parameter and result types.
public struct ASFunctionSignature: Sendable, Equatable {
    public var parameters: [ASType]
    public var result: ASType

    /// A signature of `parameters` returning `result` (`.void` for none).
    public init(parameters: [ASType], result: ASType) {
        self.parameters = parameters
        self.result = result
    }
}
