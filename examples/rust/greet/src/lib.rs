use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    format!("Hello, {}!", name)
}

#[wasm_bindgen]
pub struct Calculator { value: i32 }

#[wasm_bindgen]
impl Calculator {
    #[wasm_bindgen(constructor)]
    pub fn new(initial: i32) -> Calculator { Calculator { value: initial } }
    pub fn add(&mut self, x: i32) -> i32 { self.value += x; self.value }
}
