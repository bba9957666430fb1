use wasm_bindgen::prelude::*;

/// A running total that lives in guest memory behind a handle.
#[wasm_bindgen]
pub struct Calculator {
    value: i32,
    /// How many additions so far: a public field, read and written through generated
    /// getter and setter exports.
    pub steps: u32,
}

#[wasm_bindgen]
impl Calculator {
    #[wasm_bindgen(constructor)]
    pub fn new(initial: i32) -> Calculator {
        Calculator { value: initial, steps: 0 }
    }

    pub fn add(&mut self, x: i32) -> i32 {
        self.steps += 1;
        self.value += x;
        self.value
    }

    pub fn value(&self) -> i32 {
        self.value
    }

    /// Adds another calculator's value and uses the other one up.
    pub fn absorb(&mut self, other: Calculator) -> i32 {
        self.value += other.value;
        self.value
    }

    /// Compares with another calculator, which stays usable.
    pub fn equals(&self, other: &Calculator) -> bool {
        self.value == other.value
    }

    /// A static constructor.
    pub fn zero() -> Calculator {
        Calculator { value: 0, steps: 0 }
    }

    /// Consumes the calculator and returns its final value.
    pub fn finish(self) -> i32 {
        self.value
    }
}
