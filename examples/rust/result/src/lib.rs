use wasm_bindgen::prelude::*;

/// Parses a positive number, or fails with a message.
#[wasm_bindgen]
pub fn parse_positive(text: &str) -> Result<String, JsValue> {
    match text.trim().parse::<i64>() {
        Ok(n) if n > 0 => Ok(format!("{} is positive", n)),
        Ok(n) => Err(JsValue::from_str(&format!("{} is not positive", n))),
        Err(_) => Err(JsValue::from_str(&format!("'{}' is not a number", text))),
    }
}

/// Integer division that reports division by zero as an error.
#[wasm_bindgen]
pub fn checked_div(a: i32, b: i32) -> Result<i32, JsError> {
    if b == 0 {
        return Err(JsError::new("division by zero"));
    }
    Ok(a / b)
}

/// Always throws through `wasm_bindgen::throw_str`, from a frame on the shadow stack (the
/// formatted message lives there), which the throw never pops.
#[wasm_bindgen]
pub fn always_throws(code: i32) {
    let message = format!("this function always throws ({})", code);
    wasm_bindgen::throw_str(&message);
}

/// Panics when asked to: with `panic = "abort"` that is a trap, after which the host must
/// treat the instance as unusable.
#[wasm_bindgen]
pub fn panic_if(flag: bool) -> i32 {
    if flag {
        panic!("asked to panic");
    }
    1
}
