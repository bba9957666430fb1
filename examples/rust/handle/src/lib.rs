use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
struct Request {
    name: String,
    value: i64,
}

#[derive(Serialize)]
struct Response {
    message: String,
    computed: i64,
}

/// Takes a JSON request `{name, value}` and answers `{message, computed}`.
#[wasm_bindgen]
pub fn handle(request: &str) -> Result<String, JsValue> {
    let request: Request = serde_json::from_str(request).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let response = Response { message: format!("Hello, {}", request.name), computed: request.value * 2 };
    serde_json::to_string(&response).map_err(|e| JsValue::from_str(&e.to_string()))
}
