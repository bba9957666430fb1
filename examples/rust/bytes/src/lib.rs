use wasm_bindgen::prelude::*;

/// Returns the bytes in reverse order.
#[wasm_bindgen]
pub fn reverse_bytes(input: &[u8]) -> Vec<u8> {
    input.iter().rev().copied().collect()
}

/// Fills a buffer the host lends (and gets back) with one value.
#[wasm_bindgen]
pub fn fill(buffer: &mut [u8], value: u8) {
    buffer.iter_mut().for_each(|b| *b = value);
}

/// Sums a vector of 32-bit integers.
#[wasm_bindgen]
pub fn sum(values: Vec<i32>) -> i64 {
    values.iter().map(|v| *v as i64).sum()
}

/// The length of an optional string, if there is one.
#[wasm_bindgen]
pub fn maybe_length(text: Option<String>) -> Option<u32> {
    text.map(|t| t.len() as u32)
}

/// Scales each value.
#[wasm_bindgen]
pub fn scale(values: &[f64], factor: f64) -> Vec<f64> {
    values.iter().map(|v| v * factor).collect()
}
