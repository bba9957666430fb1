//! How a Zig type crosses the boundary: its wasm-bindgen 0.2.83 descriptor words, and the
//! wasm values it takes as a parameter. `[]const u8` is a string (UTF-8), `Bytes` a byte
//! slice, a struct a class (an object behind a handle), `!T` a `Result`, `?T` an `Option`.
const std = @import("std");

/// A byte slice that is not text: `&[u8]` as a parameter, `Vec<u8>` as a result.
pub const Bytes = struct {
    data: []const u8,
};

/// Descriptor words of wasm-bindgen 0.2.83 (its `describe.rs` numbering).
pub const code = struct {
    pub const i8_ = 0;
    pub const u8_ = 1;
    pub const i16_ = 2;
    pub const u16_ = 3;
    pub const i32_ = 4;
    pub const u32_ = 5;
    pub const i64_ = 6;
    pub const u64_ = 7;
    pub const f32_ = 8;
    pub const f64_ = 9;
    pub const boolean = 10;
    pub const function = 11;
    pub const string = 14;
    pub const ref = 15;
    pub const ref_mut = 16;
    pub const slice = 17;
    pub const vector = 18;
    pub const rust_struct = 22;
    pub const optional = 24;
    pub const result = 25;
    pub const unit = 26;
};

pub fn isString(comptime T: type) bool {
    return T == []const u8 or T == []u8;
}

/// A struct other than `Bytes` is a class.
pub fn isClass(comptime T: type) bool {
    return @typeInfo(T) == .@"struct" and T != Bytes;
}

/// The class's name: the last part of its Zig type name.
pub fn className(comptime T: type) []const u8 {
    const full = @typeName(T);
    const dot = std.mem.lastIndexOfScalar(u8, full, '.') orelse return full;
    return full[dot + 1 ..];
}

/// The tag stored in each object's header, so a handle of another class is refused.
pub fn classTag(comptime T: type) u32 {
    return std.hash.Fnv1a_32.hash(className(T)) | 1;
}

/// The class behind a pointer parameter (`*T`, `*const T`), or null.
pub fn pointee(comptime T: type) ?type {
    const info = @typeInfo(T);
    if (info != .pointer or info.pointer.size != .one) return null;
    return if (isClass(info.pointer.child)) info.pointer.child else null;
}

fn nameWords(comptime name: []const u8) []const u32 {
    var words: [name.len + 1]u32 = undefined;
    words[0] = name.len;
    for (name, 1..) |c, i| words[i] = c;
    const final = words;
    return &final;
}

/// The descriptor of a value of type `T`.
pub fn describe(comptime T: type, comptime as_parameter: bool) []const u32 {
    if (T == void) return &.{code.unit};
    if (T == bool) return &.{code.boolean};
    if (isString(T)) return if (as_parameter) &.{ code.ref, code.string } else &.{code.string};
    if (T == Bytes) return if (as_parameter) &.{ code.ref, code.slice, code.u8_ } else &.{ code.vector, code.u8_ };
    if (pointee(T)) |Class| {
        const mutable = !@typeInfo(T).pointer.attrs.@"const";
        return &[_]u32{if (mutable) code.ref_mut else code.ref} ++ describe(Class, as_parameter);
    }
    if (isClass(T)) return &[_]u32{code.rust_struct} ++ nameWords(className(T));
    return switch (@typeInfo(T)) {
        .int => |int| &.{switch (int.bits) {
            8 => if (int.signedness == .signed) code.i8_ else code.u8_,
            16 => if (int.signedness == .signed) code.i16_ else code.u16_,
            32 => if (int.signedness == .signed) code.i32_ else code.u32_,
            64 => if (int.signedness == .signed) code.i64_ else code.u64_,
            else => @compileError("hearth: integers must have 8, 16, 32 or 64 bits, not " ++ @typeName(T)),
        }},
        .float => |float| &.{switch (float.bits) {
            32 => code.f32_,
            64 => code.f64_,
            else => @compileError("hearth: floats must be f32 or f64"),
        }},
        .optional => |optional| &[_]u32{code.optional} ++ describe(optional.child, as_parameter),
        .error_union => |eu| &[_]u32{code.result} ++ describe(eu.payload, as_parameter),
        else => @compileError("hearth: type " ++ @typeName(T) ++ " cannot cross the boundary"),
    };
}

/// A string or byte slice, or an optional one: (pointer, length) the callee frees.
pub fn isBuffer(comptime T: type) bool {
    const Inner = if (@typeInfo(T) == .optional) @typeInfo(T).optional.child else T;
    return isString(Inner) or Inner == Bytes;
}

/// Whether `?T` is one i32 whose None is a reserved value (wasm-bindgen's sentinels).
pub fn hasSentinel(comptime T: type) bool {
    if (T == bool or isClass(T) or pointee(T) != null) return true;
    return @typeInfo(T) == .int and @typeInfo(T).int.bits <= 16;
}

/// The value meaning None for an optional `T` with a sentinel.
pub fn sentinel(comptime T: type) u32 {
    return if (isClass(T) or pointee(T) != null) 0 else 0x00FF_FFFF;
}

/// The wasm value types a parameter of type `T` takes.
pub fn flat(comptime T: type) []const type {
    comptime {
    if (isString(T) or T == Bytes) return &.{ u32, u32 };
    if (T == bool or pointee(T) != null or isClass(T)) return &.{u32};
    return switch (@typeInfo(T)) {
        .int => |int| if (int.bits == 64) &.{u64} else &.{u32},
        .float => &.{T},
        .optional => |o| if (isString(o.child) or o.child == Bytes)
            &.{ u32, u32 }
        else if (hasSentinel(o.child))
            &.{u32}
        else
            &[_]type{u32} ++ flat(o.child),
        else => @compileError("hearth: parameters of type " ++ @typeName(T) ++ " are not supported"),
    };
    }
}

/// Whether a result of type `T` goes through a return pointer (the host passes it first).
pub fn returnsThroughPointer(comptime T: type) bool {
    if (isString(T) or T == Bytes) return true;
    return switch (@typeInfo(T)) {
        .error_union => true,
        .optional => |o| !hasSentinel(o.child),
        else => false,
    };
}
