const std = @import("std");

/// Exposes the `hearth` module to packages that depend on this one.
pub fn build(b: *std.Build) void {
    _ = b.addModule("hearth", .{ .root_source_file = b.path("src/hearth.zig") });
}
