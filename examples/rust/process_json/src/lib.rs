use wasm_bindgen::prelude::*;

/// Parses JSON, adds `"processed": true` to an object (or wraps anything else), and returns it.
#[wasm_bindgen]
pub fn process_json(input: &str) -> Result<String, JsValue> {
    let mut value: serde_json::Value =
        serde_json::from_str(input).map_err(|e| JsValue::from_str(&e.to_string()))?;
    match value.as_object_mut() {
        Some(object) => {
            object.insert("processed".into(), serde_json::Value::Bool(true));
        }
        None => value = serde_json::json!({ "value": value, "processed": true }),
    }
    Ok(value.to_string())
}
