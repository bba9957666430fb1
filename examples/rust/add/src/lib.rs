/// A plain export without wasm-bindgen: called like any wasm function.
#[no_mangle]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
