use wasm_bindgen::prelude::*;

/// Greets someone by name.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    format!("Hello, {}!", name)
}
