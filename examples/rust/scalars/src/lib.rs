use wasm_bindgen::prelude::*;

/// A C-style enum crosses as its discriminant.
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub enum Color {
    Red = 0,
    Green = 1,
    Blue = 10,
}

#[wasm_bindgen]
pub fn add_u64(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

#[wasm_bindgen]
pub fn add_i64(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Wrapping addition at every other integer width, so the host's conversions can be checked
/// at each width's edges (the result differs from both inputs).
macro_rules! wrapping_adds {
    ($($name:ident: $type:ty),*) => {
        $(
            #[wasm_bindgen]
            pub fn $name(a: $type, b: $type) -> $type {
                a.wrapping_add(b)
            }
        )*
    };
}

wrapping_adds!(add_i8: i8, add_u8: u8, add_i16: i16, add_u16: u16, add_i32: i32, add_u32: u32,
               add_isize: isize, add_usize: usize);

#[wasm_bindgen]
pub fn negate_i8(x: i8) -> i8 {
    x.wrapping_neg()
}

#[wasm_bindgen]
pub fn double_u16(x: u16) -> u16 {
    x.wrapping_mul(2)
}

#[wasm_bindgen]
pub fn half(x: f32) -> f32 {
    x / 2.0
}

#[wasm_bindgen]
pub fn invert(b: bool) -> bool {
    !b
}

#[wasm_bindgen]
pub fn next_char(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or(c)
}

#[wasm_bindgen]
pub fn opt_f64(x: Option<f64>) -> Option<f64> {
    x.map(|v| v * 10.0)
}

#[wasm_bindgen]
pub fn opt_i64(x: Option<i64>) -> Option<i64> {
    x.map(|v| v - 1)
}

#[wasm_bindgen]
pub fn opt_bool(x: Option<bool>) -> Option<bool> {
    x.map(|v| !v)
}

#[wasm_bindgen]
pub fn opt_char(x: Option<char>) -> Option<char> {
    x.map(|c| c.to_ascii_uppercase())
}

#[wasm_bindgen]
pub fn next_color(color: Color) -> Color {
    match color {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

#[wasm_bindgen]
pub fn opt_color(color: Option<Color>) -> Option<Color> {
    color.map(next_color)
}
