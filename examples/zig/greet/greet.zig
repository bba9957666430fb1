const hearth = @import("hearth");

/// Greets someone by name.
pub fn greet(name: []const u8) []const u8 {
    return hearth.print("Hello, {s}!", .{name});
}

comptime {
    hearth.exportFunction("greet", greet, .{"name"});
}
