const std = @import("std");
const hearth = @import("hearth");

/// Parses a positive number, or fails with a message.
pub fn parse_positive(text: []const u8) ![]const u8 {
    const trimmed = std.mem.trim(u8, text, " \t\r\n");
    const n = std.fmt.parseInt(i64, trimmed, 10) catch return hearth.fail("'{s}' is not a number", .{text});
    if (n <= 0) return hearth.fail("{d} is not positive", .{n});
    return hearth.print("{d} is positive", .{n});
}

/// Integer division that reports division by zero as an error.
pub fn checked_div(a: i32, b: i32) !i32 {
    if (b == 0) return hearth.fail("division by zero", .{});
    if (a == std.math.minInt(i32) and b == -1) return error.Overflow;
    return @divTrunc(a, b);
}

/// The first word of a text, or nothing for blank text: an optional string.
pub fn first_word(text: []const u8) ?[]const u8 {
    var words = std.mem.tokenizeAny(u8, text, " \t\r\n");
    return words.next();
}

/// Traps when asked to (Zig's `@panic` in ReleaseSmall is a trap): the host then treats the
/// instance as unusable.
pub fn panic_if(flag: bool) i32 {
    if (flag) @trap();
    return 1;
}

comptime {
    hearth.exportFunction("parse_positive", parse_positive, .{"text"});
    hearth.exportFunction("checked_div", checked_div, .{ "a", "b" });
    hearth.exportFunction("first_word", first_word, .{"text"});
    hearth.exportFunction("panic_if", panic_if, .{"flag"});
}
