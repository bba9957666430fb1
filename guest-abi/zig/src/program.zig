//! The `__wasm_bindgen_unstable` custom section: one record per export, in the byte layout
//! of wasm-bindgen-shared 0.2.83 (a JSON header, then the program's encoded lists), as Rust
//! crates emit them. Zig's `linksection` cannot name a custom section, so the bytes go
//! through module-level assembly, which LLVM turns into a custom section that wasm-ld keeps
//! and concatenates.
const std = @import("std");

const header = "{\"schema_version\":\"0.2.83\",\"version\":\"0.2.83\"}";
/// Appears in every record, as the crate name and hash do in Rust's.
const crate_identifier = "hearth-zig-guest";

pub const Kind = union(enum) {
    free_function,
    constructor,
    /// A method; `static` when it takes no receiver.
    method: struct { static: bool, consumed: bool },
};

fn leb(comptime value: usize) []const u8 {
    var bytes: []const u8 = &.{};
    var v = value;
    while (true) {
        const byte: u8 = @intCast(v & 0x7f);
        v >>= 7;
        if (v == 0) return bytes ++ &[_]u8{byte};
        bytes = bytes ++ &[_]u8{byte | 0x80};
    }
}

fn string(comptime text: []const u8) []const u8 {
    return leb(text.len) ++ text;
}

fn fixed(comptime value: usize) []const u8 {
    return &[_]u8{ @intCast(value & 0xff), @intCast((value >> 8) & 0xff), @intCast((value >> 16) & 0xff), @intCast(value >> 24) };
}

/// The record for one exported function, method or constructor.
pub fn record(comptime class: ?[]const u8, comptime name: []const u8, comptime arguments: []const []const u8, comptime kind: Kind) []const u8 {
    var argument_bytes: []const u8 = leb(arguments.len);
    for (arguments) |argument| argument_bytes = argument_bytes ++ string(argument);
    const consumed = switch (kind) {
        .method => |m| m.consumed,
        else => false,
    };
    const method_kind: []const u8 = switch (kind) {
        .constructor => &.{0},
        .free_function => &.{ 1, 1, 0 },
        .method => |m| &.{ 1, @intFromBool(m.static), 0 },
    };
    const program = leb(1) //
        ++ (if (class) |c| &[_]u8{1} ++ string(c) else &[_]u8{0}) //
        ++ leb(0) // comments
        ++ &[_]u8{@intFromBool(consumed)} //
        ++ argument_bytes ++ &[_]u8{0} ++ string(name) ++ &[_]u8{ 1, 0 } // function: async, name, typescript, variadic
        ++ method_kind //
        ++ &[_]u8{0} // start
        ++ &[_]u8{ 0, 0, 0, 0, 0, 0 } // enums, imports, structs, typescript sections, local modules, inline js
        ++ string(crate_identifier) //
        ++ &[_]u8{0}; // package.json
    return fixed(header.len) ++ header ++ fixed(program.len) ++ program;
}

/// The record declaring a struct (a class) and its public fields, all writable.
pub fn structRecord(comptime name: []const u8, comptime fields: []const []const u8) []const u8 {
    var field_bytes: []const u8 = leb(fields.len);
    for (fields) |field| field_bytes = field_bytes ++ string(field) ++ &[_]u8{ 0, 0, 1 }; // readonly, comments, typescript
    const program = &[_]u8{ 0, 0, 0 } // exports, enums, imports
        ++ leb(1) ++ string(name) ++ field_bytes ++ &[_]u8{ 0, 0, 1 } // comments, inspectable, typescript
        ++ &[_]u8{ 0, 0, 0 } // typescript sections, local modules, inline js
        ++ string(crate_identifier) //
        ++ &[_]u8{0}; // package.json
    return fixed(header.len) ++ header ++ fixed(program.len) ++ program;
}

/// Module-level assembly that appends `bytes` to the custom section.
pub fn assembly(comptime bytes: []const u8) []const u8 {
    @setEvalBranchQuota(100_000);
    var text: []const u8 = ".section .custom_section.__wasm_bindgen_unstable,\"\",@\n.byte ";
    for (bytes, 0..) |byte, i| {
        text = text ++ (if (i == 0) "" else ",") ++ std.fmt.comptimePrint("{d}", .{byte});
    }
    return text ++ "\n.text\n";
}
