use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Deserialize)]
pub struct Point {
    x: f64,
    y: f64,
}

/// Makes a JS object `{x, y}` (a JsValue built from JSON on the host).
#[wasm_bindgen]
pub fn make_point(x: f64, y: f64) -> JsValue {
    JsValue::from_serde(&Point { x, y }).unwrap()
}

/// Takes a point object, returns it mirrored.
#[wasm_bindgen]
pub fn mirror(point: JsValue) -> Result<JsValue, JsValue> {
    let p: Point = point.into_serde().map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(JsValue::from_serde(&Point { x: -p.x, y: -p.y }).unwrap())
}

/// Reads a borrowed value: a number doubled, a string's length, or None.
#[wasm_bindgen]
pub fn measure(value: &JsValue) -> Option<f64> {
    if let Some(n) = value.as_f64() {
        Some(n * 2.0)
    } else {
        value.as_string().map(|s| s.len() as f64)
    }
}
