//! The guest's one allocator: a bump arena used like a stack. Every block has a 16-byte
//! header linking it to the block allocated before it. `alloc` bumps; `free` marks a block
//! freed and then pops every freed block from the top, so memory comes back as soon as the
//! blocks above it are gone. `endCall` (run by every generated export as it returns) frees
//! every plain block the call allocated, which is the per-call reset: temporaries never
//! outlive the call. Kept blocks (class objects, `keep_allocator`) survive it until freed.
//! The arena starts at `__heap_base` and grows the memory itself; if something else grew
//! the memory meanwhile, it continues after that (blocks need not be contiguous).
const std = @import("std");

const header_size = 16;
const page = 65536;

pub const State = enum(u32) {
    live = 0x4852_5401,
    kept = 0x4852_5402,
    freed = 0x4852_5403,
    _,
};

pub const Header = extern struct {
    state: State,
    len: u32,
    /// Address of the previous block's header; 0 for the first block.
    prev: u32,
    /// 0 for buffers; a class's tag for class objects.
    tag: u32,
};

extern var __heap_base: u8;

var top: usize = 0;
var region_end: usize = 0;
var last: usize = 0;

fn ensureStarted() void {
    if (top != 0) return;
    top = @intFromPtr(&__heap_base);
    region_end = @wasmMemorySize(0) * page;
}

/// Allocates `len` bytes aligned to `alignment` (at least 8); null when memory cannot grow.
pub fn alloc(len: usize, alignment: usize, state: State, tag: u32) ?[*]u8 {
    ensureStarted();
    const a = @max(alignment, 8);
    var data = std.mem.alignForward(usize, top + header_size, a);
    if (len > region_end or data > region_end - len) {
        const memory_end = @wasmMemorySize(0) * page;
        // Something else grew the memory: our next block goes after its pages.
        if (memory_end != region_end) data = std.mem.alignForward(usize, memory_end + header_size, a);
        // A length past the 4 GiB address space cannot be had.
        const end = std.math.add(usize, data, len) catch return null;
        const needed = end - memory_end;
        const pages = (needed + page - 1) / page;
        if (@wasmMemoryGrow(0, pages) < 0) return null;
        region_end = memory_end + pages * page;
    }
    const header: *Header = @ptrFromInt(data - header_size);
    header.* = .{ .state = state, .len = @intCast(len), .prev = @intCast(last), .tag = tag };
    last = data - header_size;
    top = data + len;
    return @ptrFromInt(data);
}

/// The header of a block this arena handed out and has not freed; null for any other
/// address (a stray pointer, a pointer to static data, a block freed already).
pub fn headerOf(address: usize) ?*Header {
    ensureStarted();
    if (address % 8 != 0 or address < @intFromPtr(&__heap_base) + header_size or address > top) return null;
    const header: *Header = @ptrFromInt(address - header_size);
    return switch (header.state) {
        .live, .kept => header,
        else => null,
    };
}

/// Frees a block; addresses that are not live blocks are ignored.
pub fn free(address: usize) void {
    const header = headerOf(address) orelse return;
    header.state = .freed;
    popFreed();
}

fn popFreed() void {
    while (last != 0) {
        const header: *Header = @ptrFromInt(last);
        if (header.state != .freed) break;
        header.state = @enumFromInt(0);
        top = last;
        last = header.prev;
    }
    if (top < call_floor) call_floor = top;
}

/// Grows the top block in place when it is the last one; otherwise false.
pub fn resizeInPlace(address: usize, new_len: usize) bool {
    const header = headerOf(address) orelse return false;
    if (address - header_size != last) return new_len <= header.len;
    if (new_len > region_end - address) return false;
    header.len = @intCast(new_len);
    top = address + new_len;
    return true;
}

/// The lowest address a block allocated during the current call can have: the top when the
/// export was entered, lowered whenever a pop goes below it (blocks are placed at rising
/// addresses along the chain, so everything at or above it was allocated by this call).
var call_floor: usize = 0;

/// Called as a generated export is entered.
pub fn beginCall() void {
    ensureStarted();
    call_floor = top;
}

/// Frees every plain block allocated during the call (kept blocks stay): the per-call reset.
pub fn endCall() void {
    var block = last;
    while (block != 0 and block >= call_floor) {
        const header: *Header = @ptrFromInt(block);
        if (header.state == .live) header.state = .freed;
        block = header.prev;
    }
    popFreed();
}

fn vtableAlloc(ctx: *anyopaque, len: usize, alignment: std.mem.Alignment, _: usize) ?[*]u8 {
    const state: *const State = @ptrCast(@alignCast(ctx));
    return alloc(len, alignment.toByteUnits(), state.*, 0);
}

fn vtableResize(_: *anyopaque, memory: []u8, _: std.mem.Alignment, new_len: usize, _: usize) bool {
    return resizeInPlace(@intFromPtr(memory.ptr), new_len);
}

fn vtableRemap(_: *anyopaque, memory: []u8, _: std.mem.Alignment, new_len: usize, _: usize) ?[*]u8 {
    return if (resizeInPlace(@intFromPtr(memory.ptr), new_len)) memory.ptr else null;
}

fn vtableFree(_: *anyopaque, memory: []u8, _: std.mem.Alignment, _: usize) void {
    free(@intFromPtr(memory.ptr));
}

const vtable: std.mem.Allocator.VTable = .{ .alloc = vtableAlloc, .resize = vtableResize, .remap = vtableRemap, .free = vtableFree };
var live_state: State = .live;
var kept_state: State = .kept;

/// Memory for one call: freed when the export returns.
pub const call_allocator: std.mem.Allocator = .{ .ptr = &live_state, .vtable = &vtable };
/// Memory that outlives the call (a class's owned fields); free it yourself.
pub const keep_allocator: std.mem.Allocator = .{ .ptr = &kept_state, .vtable = &vtable };
