const std = @import("std");
const hearth = @import("hearth");

/// Parses JSON, adds `"processed": true` to an object (or wraps anything else), and returns it.
pub fn process_json(input: []const u8) ![]const u8 {
    var value = std.json.parseFromSliceLeaky(std.json.Value, hearth.allocator, input, .{}) catch |err|
        return hearth.fail("invalid JSON: {s}", .{@errorName(err)});
    switch (value) {
        .object => |*object| try object.put(hearth.allocator, "processed", .{ .bool = true }),
        else => {
            var object: std.json.ObjectMap = .empty;
            try object.put(hearth.allocator, "value", value);
            try object.put(hearth.allocator, "processed", .{ .bool = true });
            value = .{ .object = object };
        },
    }
    return std.json.Stringify.valueAlloc(hearth.allocator, value, .{});
}

const Request = struct { name: []const u8, value: i64 };
const Response = struct { message: []const u8, computed: i64 };

/// Takes a JSON request `{name, value}` and answers `{message, computed}`.
pub fn handle(request: []const u8) ![]const u8 {
    const parsed = std.json.parseFromSliceLeaky(Request, hearth.allocator, request, .{ .ignore_unknown_fields = true }) catch |err|
        return hearth.fail("invalid request: {s}", .{@errorName(err)});
    const response: Response = .{ .message = hearth.print("Hello, {s}", .{parsed.name}), .computed = parsed.value *% 2 };
    return std.json.Stringify.valueAlloc(hearth.allocator, response, .{});
}

comptime {
    hearth.exportFunction("process_json", process_json, .{"input"});
    hearth.exportFunction("handle", handle, .{"request"});
}
