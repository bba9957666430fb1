//! Hearth's guest ABI for Zig: write plain Zig functions and classes, export them with
//! `exportFunction` and `exportClass`, and Hearth calls them as it calls a Rust
//! wasm-bindgen 0.2.83 module. See README.md.
const std = @import("std");
const arena = @import("arena.zig");
const abi = @import("abi.zig");
const types = @import("types.zig");

pub const Bytes = types.Bytes;
pub const exportFunction = abi.exportFunction;
pub const exportClass = abi.exportClass;
pub const declareFunction = abi.declareFunction;

/// Memory for the current call: everything allocated with it is freed when the export
/// returns (its result is copied out first). Free nothing, or free what you like.
pub const allocator = arena.call_allocator;
/// Memory that outlives the call, e.g. a buffer a class object owns; free it in `deinit`.
pub const keep_allocator = arena.keep_allocator;

/// Formats text in the call's arena; traps when memory runs out (as Rust's `format!` aborts).
pub fn print(comptime format: []const u8, arguments: anytype) []u8 {
    return std.fmt.allocPrint(allocator, format, arguments) catch @trap();
}

/// Ends the call with an error whose message the host reports:
/// `return hearth.fail("{d} is not positive", .{n});` in a function returning `!T`.
pub fn fail(comptime format: []const u8, arguments: anytype) error{Failed} {
    abi.failure_message = print(format, arguments);
    return error.Failed;
}

fn malloc(size: usize) callconv(.c) usize {
    // wasm-bindgen's allocator aborts when memory runs out; so does this one.
    return @intFromPtr(arena.alloc(size, 8, .live, 0) orelse @trap());
}

fn realloc(pointer: usize, old_size: usize, new_size: usize) callconv(.c) usize {
    if (arena.resizeInPlace(pointer, new_size)) return pointer;
    const block = arena.alloc(new_size, 8, .live, 0) orelse @trap();
    if (arena.headerOf(pointer) != null) @memcpy(block[0..@min(old_size, new_size)], @as([*]const u8, @ptrFromInt(pointer))[0..@min(old_size, new_size)]);
    arena.free(pointer);
    return @intFromPtr(block);
}

fn free(pointer: usize, size: usize) callconv(.c) void {
    _ = size;
    arena.free(pointer);
}

comptime {
    @export(&malloc, .{ .name = "__wbindgen_malloc" });
    @export(&realloc, .{ .name = "__wbindgen_realloc" });
    @export(&free, .{ .name = "__wbindgen_free" });
}
