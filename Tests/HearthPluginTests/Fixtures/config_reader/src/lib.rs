use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Provided by Hearth: the plugin manifest's `config` value under `key`, or null.
    fn hearth_config(key: &str) -> JsValue;
}

#[link(wasm_import_module = "math")]
extern "C" {
    fn add(a: i32, b: i32) -> i32;
}

/// The configured greeting followed by `name`.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    let greeting = hearth_config("greeting").as_string().unwrap_or_else(|| "Hello".to_string());
    format!("{}, {}!", greeting, name)
}

/// `a + b`, computed by the plugin's math module.
#[wasm_bindgen]
pub fn sum(a: i32, b: i32) -> i32 {
    unsafe { add(a, b) }
}
