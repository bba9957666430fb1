//! Per-call scratch memory for Rust guests of Hearth (wasm-bindgen modules).
//!
//! wasm-bindgen moves strings and bytes through the global allocator, which is what it
//! should do for values that cross to the host. Scratch values a call builds and throws away
//! (split words, intermediate buffers, parsed tokens) can instead come from a bump arena:
//! allocating is a pointer increment, nothing is freed one by one, and the arena is reset
//! when the outermost `with_arena` of the call returns, so guest memory does not grow from
//! call to call.
//!
//! ```ignore
//! #[wasm_bindgen]
//! pub fn shout(text: &str) -> String {
//!     hearth_guest::with_arena(|arena| {
//!         let words = arena.alloc_slice_fill_iter(text.split_whitespace());
//!         words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join(" ")
//!     })
//! }
//! ```
//!
//! The closure's result cannot borrow from the arena (the borrow checker refuses it), so
//! nothing allocated there outlives the reset. Calls may nest: only the outermost one resets.
#![forbid(unsafe_code)]

pub use bumpalo::{self, Bump};
use std::cell::{Cell, RefCell};

thread_local! {
    static ARENA: RefCell<Bump> = RefCell::new(Bump::new());
    static DEPTH: Cell<u32> = Cell::new(0);
}

/// Runs `body` with the call's arena and returns its result; when this is the outermost
/// `with_arena`, everything allocated in the arena is released afterwards (its memory is kept
/// for the next call).
pub fn with_arena<R>(body: impl for<'a> FnOnce(&'a Bump) -> R) -> R {
    DEPTH.with(|depth| depth.set(depth.get() + 1));
    let result = ARENA.with(|arena| body(&arena.borrow()));
    let outermost = DEPTH.with(|depth| {
        depth.set(depth.get() - 1);
        depth.get() == 0
    });
    if outermost {
        ARENA.with(|arena| arena.borrow_mut().reset());
    }
    result
}

/// Bytes the arena holds from the system (its chunks), for a guest that reports its memory.
pub fn arena_capacity() -> usize {
    ARENA.with(|arena| arena.borrow().allocated_bytes())
}
