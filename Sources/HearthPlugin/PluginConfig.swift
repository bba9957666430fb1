import Bridge
import JSON
import WasmBinary
import WasmEngine

/// How a guest reads the manifest's `config` (docs/manifest.md, "Reading the configuration"):
///
/// - a plain module imports `hearth`.`config_get(key_ptr, key_len, out_ptr, out_cap: i32) -> i32`:
///   the key is UTF-8 in the caller's memory; the value's JSON text is written at `out_ptr` when
///   it fits in `out_cap` bytes; the result is the text's length (larger than `out_cap`: nothing
///   was written, call again with room), or -1 when the configuration has no such key;
/// - a wasm-bindgen guest declares `fn hearth_config(key: &str) -> JsValue` in an
///   `extern "C"` block: the value, or null.
enum PluginConfig {
    /// The module name of the plain import.
    static let moduleName: Name = "hearth"
    /// The field name of the plain import.
    static let functionName: Name = "config_get"
    /// The Rust name of the wasm-bindgen import.
    static let bindgenImportName = "hearth_config"

    /// Defines `hearth.config_get` in `linker`, answering from `config`.
    static func define(_ config: JSONObject, in linker: inout Linker) {
        var texts: [String: [UInt8]] = [:]
        for (key, value) in config { texts[key] = Array(value.serialized().utf8) }
        linker.define(moduleName, functionName) { (caller: Caller, keyPointer: Int32, keyLength: Int32, out: Int32, capacity: Int32) -> Int32 in
            // The memory the caller exports, or else its memory 0.
            guard let memory = caller.instance?.memory(named: "memory") ?? caller.memory else {
                throw PluginError(.badCall, "\(moduleName).\(functionName) was called by a module without a memory")
            }
            let key = try memory.read(at: Int(UInt32(bitPattern: keyPointer)), count: Int(UInt32(bitPattern: keyLength)))
            guard let text = texts[String(decoding: key, as: UTF8.self)] else { return -1 }
            if text.count <= Int(UInt32(bitPattern: capacity)) { try memory.write(text, at: Int(UInt32(bitPattern: out))) }
            return Int32(clamping: text.count)
        }
    }

    /// The wasm-bindgen host import `hearth_config`, answering from `config`.
    static func bindgenImport(_ config: JSONObject) -> HostImport {
        { arguments in arguments.first?.stringValue.flatMap { config[$0] } ?? .null }
    }
}
