use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Provided by the host: logs a line.
    fn host_log(message: &str);
    /// Provided by the host: may fail, which Rust sees as `Err`.
    #[wasm_bindgen(catch)]
    fn host_lookup(key: &str) -> Result<String, JsValue>;
}

/// Logs a greeting through the host and returns how long it was.
#[wasm_bindgen]
pub fn log_greeting(name: &str) -> usize {
    let line = format!("Hello, {}!", name);
    host_log(&line);
    line.len()
}

/// Looks a key up through the host, with a fallback when the host fails.
#[wasm_bindgen]
pub fn lookup_or(key: &str, fallback: &str) -> String {
    host_lookup(key).unwrap_or_else(|_| fallback.to_string())
}
