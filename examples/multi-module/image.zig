//! The image module: a grayscale filter over RGBA pixels kept in this module's own memory.
//!
//! Another module cannot write into this memory, so pixels come in and go out one at a time as
//! numbers: a pixel is a u32 holding the bytes R, G, B, A from the lowest byte up (what a
//! little-endian load of 4 RGBA bytes gives).
//!
//!   image_begin(pixels) -> 0, or -1 when the memory cannot grow to hold them
//!   image_set(index, rgba), image_get(index) -> rgba
//!   image_grayscale()             every pixel becomes (Y, Y, Y, A), Y = (77 R + 150 G + 29 B) >> 8
//!   reserve(pages) -> memory.grow's result: the old size in pages, or -1
//!
//! The weights are BT.601's luma coefficients (0.299, 0.587, 0.114) times 256, rounded so that
//! they add up to 256: white stays 255, black 0. An index outside the image traps.

const std = @import("std");

const page_size = 65536;

/// The end of the static data and stack (the linker's symbol): the pixels start there.
extern const __heap_base: u8;

/// Pixels in the current image.
var pixel_count: u32 = 0;

fn pixels() [*]u32 {
    return @ptrFromInt(std.mem.alignForward(usize, @intFromPtr(&__heap_base), 4));
}

/// Makes room for `count` pixels after the static data; 0, or -1 if memory cannot grow (the
/// plugin's memory budget refuses it, or wasm32's 4 GiB end is reached).
export fn image_begin(count: u32) i32 {
    const start = @intFromPtr(pixels());
    const bytes = @as(u64, count) * 4;
    const needed = @as(u64, start) + bytes;
    const have = @as(u64, @wasmMemorySize(0)) * page_size;
    if (needed > have) {
        const missing_pages = (needed - have + page_size - 1) / page_size;
        if (missing_pages > 65536 or @wasmMemoryGrow(0, @intCast(missing_pages)) < 0) return -1;
    }
    pixel_count = count;
    return 0;
}

/// Sets pixel `index` of the current image.
export fn image_set(index: u32, rgba: u32) void {
    if (index >= pixel_count) @trap();
    pixels()[index] = rgba;
}

/// Pixel `index` of the current image.
export fn image_get(index: u32) u32 {
    if (index >= pixel_count) @trap();
    return pixels()[index];
}

/// Replaces every pixel by its gray (Y, Y, Y, A).
export fn image_grayscale() void {
    for (pixels()[0..pixel_count]) |*pixel| {
        const r = pixel.* & 0xff;
        const g = (pixel.* >> 8) & 0xff;
        const b = (pixel.* >> 16) & 0xff;
        const y = (77 * r + 150 * g + 29 * b) >> 8;
        pixel.* = (pixel.* & 0xff00_0000) | y << 16 | y << 8 | y;
    }
}

/// Grows this module's memory by `pages` (64 KiB each): memory.grow's result, the previous size
/// in pages or -1 when refused. What a test of the plugin's shared memory budget calls.
export fn reserve(pages: i32) i32 {
    if (pages < 0) return -1;
    return @wasmMemoryGrow(0, @intCast(pages));
}
