import Foundation
import Hearth

/// An AssemblyScript module's guest for the CLI: its sidecar of types read from next to it
/// (`NAME.as.json`), `env.trace` printed on standard error.
enum AssemblyScriptLoading {
    static func guest(_ module: Module, file: String, store: Store) throws -> AssemblyScriptGuest {
        let sidecar = (file.hasSuffix(".wasm") ? String(file.dropLast(5)) : file) + ".as.json"
        let text: String
        do {
            text = String(decoding: try readModuleBytes(sidecar), as: UTF8.self)
        } catch {
            throw BridgeError("\(file) is an AssemblyScript module; its exports' types go in \(sidecar), which cannot be read",
                              remedy: #"write {"functions": {"greet": {"parameters": ["string"], "result": "string"}}}"#)
        }
        return try AssemblyScriptGuest(module: module, signatures: try ASSignatures(json: try JSON.parse(text)), store: store, linker: Linker()) { message, numbers in
            FileHandle.standardError.write(Data(("trace: " + ([message] + numbers.map { "\($0)" }).joined(separator: " ") + "\n").utf8))
        }
    }
}
