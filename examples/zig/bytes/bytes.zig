const std = @import("std");
const hearth = @import("hearth");

/// Returns the bytes in reverse order: a byte slice in, a byte vector out.
pub fn reverse_bytes(input: hearth.Bytes) hearth.Bytes {
    const out = hearth.allocator.dupe(u8, input.data) catch @trap();
    std.mem.reverse(u8, out);
    return .{ .data = out };
}

/// The sum of the bytes, as a u64.
pub fn sum_bytes(input: hearth.Bytes) u64 {
    var total: u64 = 0;
    for (input.data) |byte| total += byte;
    return total;
}

/// The mean of the bytes, or nothing for no bytes: an optional f64.
pub fn mean(input: hearth.Bytes) ?f64 {
    if (input.data.len == 0) return null;
    return @as(f64, @floatFromInt(sum_bytes(input))) / @as(f64, @floatFromInt(input.data.len));
}

/// Scales a float by an integer: scalars of several widths.
pub fn scale(value: f32, factor: i64) f64 {
    return @as(f64, value) * @as(f64, @floatFromInt(factor));
}

/// Fails for an empty input, else returns its length: an error union of u32.
pub fn nonempty_length(input: hearth.Bytes) !u32 {
    if (input.data.len == 0) return hearth.fail("no bytes", .{});
    return @intCast(input.data.len);
}

/// The length of a text, or nothing for no text: an optional string parameter.
pub fn maybe_length(text: ?[]const u8) ?u32 {
    return if (text) |t| @intCast(t.len) else null;
}

/// Adds an optional i32 and an optional u8 (a sentinel option) to a base.
pub fn add_optionals(base: i32, extra: ?i32, small: ?u8) i32 {
    return base +% (extra orelse 0) +% @as(i32, small orelse 0);
}

comptime {
    hearth.exportFunction("reverse_bytes", reverse_bytes, .{"input"});
    hearth.exportFunction("sum_bytes", sum_bytes, .{"input"});
    hearth.exportFunction("mean", mean, .{"input"});
    hearth.exportFunction("scale", scale, .{ "value", "factor" });
    hearth.exportFunction("nonempty_length", nonempty_length, .{"input"});
    hearth.exportFunction("maybe_length", maybe_length, .{"text"});
    hearth.exportFunction("add_optionals", add_optionals, .{ "base", "extra", "small" });
}
