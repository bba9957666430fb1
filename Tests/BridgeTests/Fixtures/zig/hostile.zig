//! A Zig guest that misbehaves on purpose, for HostileZigGuestTests. Its `greet` and
//! `lying` are hand-written exports whose bindings come from `hearth.declareFunction`;
//! `echo` is an ordinary generated export. Built with a 18-page memory maximum, so a large
//! argument makes the allocator trap.
const hearth = @import("hearth");

var mode: u32 = 0;

/// 0: greet returns invalid UTF-8; 1: a pointer outside memory; 2: a length that overflows.
export fn set_mode(value: u32) void {
    mode = value;
}

const invalid_utf8 = [_]u8{ 0xff, 0xfe, 0x41 };

fn greetSignature(name: []const u8) []const u8 {
    return name;
}

export fn greet(retptr: u32, pointer: u32, len: u32) void {
    _ = pointer;
    _ = len;
    const out: *[2]u32 = @ptrFromInt(retptr);
    out.* = switch (mode) {
        0 => .{ @intCast(@intFromPtr(&invalid_utf8)), invalid_utf8.len },
        1 => .{ 0xFFFF_FF00, 16 },
        else => .{ 1024, 0xFFFF_FFF0 },
    };
}

/// Described as taking and returning an i32; really takes three and returns nothing.
fn lyingSignature(x: i32) i32 {
    return x;
}

export fn lying(a: u32, b: u32, c: u32) void {
    _ = a;
    _ = b;
    _ = c;
}

fn echo(text: []const u8) []const u8 {
    return text;
}

comptime {
    hearth.declareFunction("greet", greetSignature, .{"name"});
    hearth.declareFunction("lying", lyingSignature, .{"x"});
    hearth.exportFunction("echo", echo, .{"text"});
}
