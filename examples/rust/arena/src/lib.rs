use hearth_guest::{bumpalo::collections::Vec as BumpVec, with_arena};
use wasm_bindgen::prelude::*;

/// The words of `text` in reverse order, one space apart. The list of words is scratch,
/// allocated in the call's arena and released when the call returns.
#[wasm_bindgen]
pub fn reverse_words(text: &str) -> String {
    with_arena(|arena| {
        let mut words = BumpVec::new_in(arena);
        words.extend(text.split_whitespace());
        words.reverse();
        words.join(" ")
    })
}

/// Bytes the arena holds from the allocator: the same after every call once it has grown to
/// the largest call's scratch.
#[wasm_bindgen]
pub fn arena_capacity() -> u32 {
    hearth_guest::arena_capacity() as u32
}
