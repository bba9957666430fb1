//! The generated exports: for each Zig function, a wasm export with wasm-bindgen 0.2.83's
//! flattened signature, its `__wbindgen_describe_*` export, and its program record — all
//! derived at comptime from the function's type.
const std = @import("std");
const arena = @import("arena.zig");
const types = @import("types.zig");
const program = @import("program.zig");

extern "__wbindgen_placeholder__" fn __wbindgen_describe(word: u32) void;
extern "__wbindgen_placeholder__" fn __wbindgen_throw(pointer: [*]const u8, len: usize) void;
extern "__wbindgen_placeholder__" fn __wbindgen_error_new(pointer: [*]const u8, len: usize) u32;

/// The message `fail` set for the current call; the error's name is used when none is set.
pub var failure_message: ?[]const u8 = null;

/// Throws a JavaScript-style error to the host: the call ends with the message, naming the
/// function. The arena is reset first.
pub fn throwMessage(comptime message: []const u8) noreturn {
    arena.endCall();
    __wbindgen_throw(message.ptr, message.len);
    @trap();
}

fn lower(comptime text: []const u8) []const u8 {
    var out: [text.len]u8 = undefined;
    for (text, 0..) |c, i| out[i] = std.ascii.toLower(c);
    const final = out;
    return &final;
}

/// A C-ABI function taking the wasm values `F` and passing them to `body` as a tuple.
fn Thunk(comptime F: []const type, comptime R: type, comptime body: anytype) type {
    return switch (F.len) {
        0 => struct { fn call() callconv(.c) R { return body(.{}); } },
        1 => struct { fn call(a: F[0]) callconv(.c) R { return body(.{a}); } },
        2 => struct { fn call(a: F[0], b: F[1]) callconv(.c) R { return body(.{ a, b }); } },
        3 => struct { fn call(a: F[0], b: F[1], c: F[2]) callconv(.c) R { return body(.{ a, b, c }); } },
        4 => struct { fn call(a: F[0], b: F[1], c: F[2], d: F[3]) callconv(.c) R { return body(.{ a, b, c, d }); } },
        5 => struct { fn call(a: F[0], b: F[1], c: F[2], d: F[3], e: F[4]) callconv(.c) R { return body(.{ a, b, c, d, e }); } },
        6 => struct { fn call(a: F[0], b: F[1], c: F[2], d: F[3], e: F[4], f: F[5]) callconv(.c) R { return body(.{ a, b, c, d, e, f }); } },
        7 => struct { fn call(a: F[0], b: F[1], c: F[2], d: F[3], e: F[4], f: F[5], g: F[6]) callconv(.c) R { return body(.{ a, b, c, d, e, f, g }); } },
        8 => struct { fn call(a: F[0], b: F[1], c: F[2], d: F[3], e: F[4], f: F[5], g: F[6], h: F[7]) callconv(.c) R { return body(.{ a, b, c, d, e, f, g, h }); } },
        else => @compileError("hearth: at most 8 wasm parameters (a string counts as 2)"),
    };
}

/// The wasm result type of a directly returned `T` (one not through a return pointer).
fn WasmResult(comptime T: type) type {
    if (T == void) return void;
    if (T == bool or types.isClass(T) or @typeInfo(T) == .optional) return u32;
    return switch (@typeInfo(T)) {
        .int => |int| if (int.bits == 64) u64 else u32,
        .float => T,
        else => @compileError("hearth: results of type " ++ @typeName(T) ++ " are not supported"),
    };
}

fn store(comptime T: type, address: usize, value: T) void {
    @as(*align(1) T, @ptrFromInt(address)).* = value;
}

/// Copies a result buffer into a fresh block once the call's temporaries are freed.
fn relocate(bytes: []const u8) usize {
    const block = arena.alloc(bytes.len, 8, .live, 0) orelse @trap();
    std.mem.copyForwards(u8, block[0..bytes.len], bytes);
    return @intFromPtr(block);
}

/// Whether a result of type `T` goes back as a pointer and a length: a string or bytes.
fn isSlice(comptime T: type) bool {
    return types.isString(T) or T == types.Bytes;
}

/// Ends the call, then writes `payload` (a string or bytes, `isSlice`) at `retptr` as the
/// pointer and length of a fresh copy: the call's temporaries, which may hold it, are freed.
fn storeSlice(comptime T: type, retptr: usize, payload: T) void {
    const bytes: []const u8 = if (T == types.Bytes) payload.data else payload;
    arena.endCall();
    store(u32, retptr, @intCast(relocate(bytes)));
    store(u32, retptr + 4, @intCast(bytes.len));
}

/// Puts a class value in a kept block: its handle.
pub fn box(comptime Class: type, value: Class) u32 {
    const block = arena.alloc(@sizeOf(Class), @alignOf(Class), .kept, types.classTag(Class)) orelse @trap();
    @as(*Class, @ptrCast(@alignCast(block))).* = value;
    return @intCast(@intFromPtr(block));
}

/// Ends an object's life: its `deinit`, if declared, then its block. A by-value receiver or
/// argument is released after the call, as Rust drops a moved `self` at the end of the method.
pub fn release(comptime Class: type, handle: u32) void {
    const object = unbox(Class, handle) orelse return;
    if (@hasDecl(Class, "deinit")) object.deinit();
    arena.free(handle);
}

/// The object behind a handle, or null when the handle is not a live object of `Class`.
pub fn unbox(comptime Class: type, handle: u32) ?*Class {
    const header = arena.headerOf(handle) orelse return null;
    if (header.state != .kept or header.tag != types.classTag(Class)) return null;
    return @ptrFromInt(handle);
}

/// The Zig value of a parameter of type `T` from its wasm values, starting at `at`. A handle
/// that is not a live object of its class sets `bad_handle` (the call then throws).
fn argument(comptime T: type, values: anytype, comptime at: usize, bad_handle: *bool) T {
    if (comptime types.isString(T) or T == types.Bytes) {
        const pointer: [*]u8 = @ptrFromInt(values[at]);
        const slice = pointer[0..values[at + 1]];
        return if (T == types.Bytes) .{ .data = slice } else slice;
    } else if (comptime T == bool) {
        return values[at] != 0;
    } else if (comptime types.pointee(T)) |Class| {
        return unbox(Class, values[at]) orelse {
            bad_handle.* = true;
            return @ptrFromInt(8);
        };
    } else if (comptime types.isClass(T)) {
        if (unbox(T, values[at])) |object| return object.*;
        bad_handle.* = true;
        return undefined;
    } else if (comptime @typeInfo(T) == .int) {
        return @bitCast(@as(@Int(.unsigned, @bitSizeOf(T)), @truncate(values[at])));
    } else if (comptime @typeInfo(T) == .optional) {
        const C = @typeInfo(T).optional.child;
        if (comptime types.isString(C) or C == types.Bytes) return if (values[at] == 0) null else argument(C, values, at, bad_handle);
        if (comptime types.hasSentinel(C)) return if (values[at] == types.sentinel(C)) null else argument(C, values, at, bad_handle);
        return if (values[at] == 0) null else argument(C, values, at + 1, bad_handle);
    } else {
        return values[at];
    }
}

/// Bytes a payload takes in a return-pointer area, as the host reads it.
fn payloadSize(comptime T: type) usize {
    if (T == void) return 0;
    if (types.isString(T) or T == types.Bytes) return 8;
    return if (@sizeOf(T) == 8) 8 else 4;
}

/// Writes a value that fits in a word or two at `address` (class values become handles).
fn storeScalar(comptime T: type, address: usize, value: T) void {
    if (T == void) return;
    if (T == bool) return store(u32, address, @intFromBool(value));
    if (types.isClass(T)) return store(u32, address, box(T, value));
    store(T, address, value);
}

/// The generated export of `func` under `wasm_name`. `Receiver` is the class of a method
/// taking a receiver (its first parameter), else null.
fn Export(comptime wasm_name: []const u8, comptime func: anytype, comptime Receiver: ?type) type {
    const info = @typeInfo(@TypeOf(func)).@"fn";
    const R = info.return_type.?;
    const skip = if (Receiver != null) 1 else 0;
    const params = info.param_types[skip..];
    const through_pointer = types.returnsThroughPointer(R);
    comptime var flat: []const type = &.{};
    if (through_pointer) flat = flat ++ &[_]type{u32};
    if (Receiver != null) flat = flat ++ &[_]type{u32};
    for (params) |param| flat = flat ++ types.flat(param.?);
    const Flat = flat;
    const WasmR = if (through_pointer) void else WasmResult(R);
    const Args = std.meta.ArgsTuple(@TypeOf(func));

    const Impl = struct {
        fn body(values: anytype) WasmR {
            arena.beginCall();
            failure_message = null;
            var args: Args = undefined;
            comptime var at = 0;
            const retptr: usize = if (through_pointer) values[0] else 0;
            if (through_pointer) at += 1;
            var bad_handle = false;
            if (Receiver) |Class| {
                const handle: u32 = values[at];
                at += 1;
                const object = unbox(Class, handle) orelse blk: {
                    bad_handle = true;
                    break :blk @as(*Class, @ptrFromInt(8));
                };
                const First = info.param_types[0].?;
                if (First == Class) {
                    args[0] = object.*;
                } else {
                    args[0] = object;
                }
            }
            inline for (params, skip..) |param, index| {
                args[index] = argument(param.?, values, at, &bad_handle);
                at += comptime types.flat(param.?).len;
            }
            if (bad_handle) {
                freeArguments(values);
                throwMessage(wasm_name ++ ": a handle that is not a live object of its class");
            }
            const result = @call(.auto, func, args);
            // A consumed object (a by-value receiver or argument) is used up.
            if (Receiver) |Class| {
                if (info.param_types[0].? == Class) release(Class, values[if (through_pointer) 1 else 0]);
            }
            comptime var at_end = if (through_pointer) 1 else 0;
            if (Receiver != null) at_end += 1;
            inline for (params) |param| {
                const P = param.?;
                const Inner = if (@typeInfo(P) == .optional) @typeInfo(P).optional.child else P;
                if (comptime types.isClass(Inner)) release(Inner, values[at_end]);
                at_end += comptime types.flat(param.?).len;
            }
            return finish(retptr, result, values);
        }

        /// Frees the string and byte arguments: the callee owns them, as in wasm-bindgen.
        fn freeArguments(values: anytype) void {
            comptime var at = if (through_pointer) 1 else 0;
            if (Receiver != null) at += 1;
            inline for (params) |param| {
                const T = param.?;
                if (comptime types.isBuffer(T)) arena.free(values[at]);
                at += comptime types.flat(T).len;
            }
        }

        fn finish(retptr: usize, result: R, values: anytype) WasmR {
            if (comptime isSlice(R)) {
                storeSlice(R, retptr, result);
                freeArguments(values);
                return;
            }
            switch (@typeInfo(R)) {
                .error_union => |eu| {
                    const T = eu.payload;
                    const size = payloadSize(T);
                    if (result) |payload| {
                        if (comptime isSlice(T)) {
                            storeSlice(T, retptr, payload);
                        } else {
                            arena.endCall();
                            storeScalar(T, retptr, payload);
                        }
                        store(u32, retptr + size + 4, 0);
                    } else |err| {
                        const message = failure_message orelse @errorName(err);
                        const index = __wbindgen_error_new(message.ptr, message.len);
                        arena.endCall();
                        store(u32, retptr + size, index);
                        store(u32, retptr + size + 4, 1);
                    }
                    freeArguments(values);
                    return;
                },
                .optional => |o| {
                    const T = o.child;
                    if (comptime through_pointer) {
                        if (result) |payload| {
                            if (comptime isSlice(T)) {
                                storeSlice(T, retptr, payload);
                            } else {
                                arena.endCall();
                                store(u32, retptr, 1);
                                storeScalar(T, retptr + (if (@sizeOf(T) == 8) 8 else 4), payload);
                            }
                        } else {
                            arena.endCall();
                            store(u32, retptr, 0);
                            store(u32, retptr + 4, 0);
                        }
                        freeArguments(values);
                        return;
                    }
                    arena.endCall();
                    freeArguments(values);
                    const payload = result orelse return if (comptime types.isClass(T)) 0 else 0x00FF_FFFF;
                    if (comptime types.isClass(T)) return box(T, payload);
                    if (comptime T == bool) return @intFromBool(payload);
                    return @as(@Int(.unsigned, @bitSizeOf(T)), @bitCast(payload));
                },
                else => {},
            }
            arena.endCall();
            freeArguments(values);
            if (R == void) return;
            if (comptime types.isClass(R)) return box(R, result);
            if (R == bool) return @intFromBool(result);
            if (comptime @typeInfo(R) == .int) return @bitCast(@as(@Int(.unsigned, @bitSizeOf(R)), @bitCast(result)));
            return result;
        }

    };

    return struct {
        comptime {
            @export(&Thunk(Flat, WasmR, Impl.body).call, .{ .name = wasm_name });
            _ = Describe(wasm_name, func, Receiver != null);
        }
    };
}

/// The `__wbindgen_describe_<wasm_name>` export: the descriptor words of `func`'s type (a
/// receiver, the first parameter of a method, is not listed).
fn Describe(comptime wasm_name: []const u8, comptime func: anytype, comptime has_receiver: bool) type {
    const info = @typeInfo(@TypeOf(func)).@"fn";
    const params = info.param_types[@intFromBool(has_receiver)..];
    const words = comptime blk: {
        var w: []const u32 = &.{ types.code.function, 0, params.len };
        for (params) |param| w = w ++ types.describe(param.?, true);
        const result = types.describe(info.return_type.?, false);
        break :blk w ++ result ++ result;
    };
    return struct {
        fn describe() callconv(.c) void {
            inline for (words) |word| __wbindgen_describe(word);
        }
        comptime {
            @export(&describe, .{ .name = "__wbindgen_describe_" ++ wasm_name });
        }
    };
}

fn Record(comptime bytes: []const u8) type {
    return struct {
        comptime {
            asm (program.assembly(bytes));
        }
    };
}

fn argumentList(comptime names: anytype) []const []const u8 {
    var list: []const []const u8 = &.{};
    for (names) |name| list = list ++ &[_][]const u8{name};
    return list;
}

fn defaultNames(comptime count: usize) []const []const u8 {
    var list: []const []const u8 = &.{};
    for (0..count) |i| list = list ++ &[_][]const u8{std.fmt.comptimePrint("arg{d}", .{i + 1})};
    return list;
}

/// Declares the bindings of a free function `name` whose wasm export you write yourself
/// (`export fn name(...)` with the flattened signature `exportFunction` would generate):
/// emits its describe export and program record from `Signature`'s type, and no wrapper.
pub fn declareFunction(comptime name: []const u8, comptime Signature: anytype, comptime argument_names: anytype) void {
    _ = Describe(name, Signature, false);
    _ = Record(program.record(null, name, argumentList(argument_names), .free_function));
}

/// Exports `func` as the free function `name`; `argument_names` (a tuple of strings) name its
/// parameters for the host (Zig cannot reflect them), `.{}` for none.
pub fn exportFunction(comptime name: []const u8, comptime func: anytype, comptime argument_names: anytype) void {
    _ = Export(name, func, null);
    _ = Record(program.record(null, name, argumentList(argument_names), .free_function));
}

/// The getter and setter exports of a public field (`__wbg_get_<class>_<field>` and
/// `__wbg_set_<class>_<field>`), and the getter's describe export: the field's type.
fn Field(comptime Class: type, comptime prefix: []const u8, comptime field: []const u8) type {
    const F = @FieldType(Class, field);
    if (@typeInfo(F) != .int and @typeInfo(F) != .float and F != bool) @compileError("hearth: public field " ++ field ++ " must be a number or a bool");
    const getter = "__wbg_get_" ++ prefix ++ field;
    const setter = "__wbg_set_" ++ prefix ++ field;
    return struct {
        fn get(handle: u32) callconv(.c) WasmResult(F) {
            arena.beginCall();
            const object = unbox(Class, handle) orelse throwMessage(getter ++ ": a handle that is not a live object of its class");
            const value = @field(object.*, field);
            if (F == bool) return @intFromBool(value);
            if (@typeInfo(F) == .int) return @bitCast(@as(@Int(.unsigned, @bitSizeOf(F)), @bitCast(value)));
            return value;
        }
        fn set(handle: u32, value: types.flat(F)[0]) callconv(.c) void {
            arena.beginCall();
            const object = unbox(Class, handle) orelse throwMessage(setter ++ ": a handle that is not a live object of its class");
            var unused = false;
            @field(object.*, field) = argument(F, .{value}, 0, &unused);
        }
        fn describe() callconv(.c) void {
            inline for (comptime types.describe(F, false)) |word| __wbindgen_describe(word);
        }
        comptime {
            @export(&get, .{ .name = getter });
            @export(&set, .{ .name = setter });
            @export(&describe, .{ .name = "__wbindgen_describe_" ++ getter });
        }
    };
}

/// Exports the struct `Class` as a class named after it: `pub fn new` is the constructor,
/// a `pub fn` taking `*Class`/`*const Class` first a method, one taking `Class` first a
/// method that uses the object up, any other `pub fn` a static method; `deinit(*Class)`, if
/// declared, runs when the host frees the object. `argument_names` is a struct of tuples by
/// method name (`.{ .add = .{"x"} }`); parameters of methods not listed are `arg1`, `arg2`...
/// Fields named in `pub const hearth_fields = .{"steps"};` (numbers or bools) are public: the
/// host reads and writes them (`object.get("steps")`).
pub fn exportClass(comptime Class: type, comptime argument_names: anytype) void {
    const name = types.className(Class);
    const prefix = lower(name) ++ "_";
    const fields: []const []const u8 = if (@hasDecl(Class, "hearth_fields")) argumentList(Class.hearth_fields) else &.{};
    for (fields) |field| _ = Field(Class, prefix, field);
    _ = Record(program.structRecord(name, fields));
    const Free = struct {
        fn free(handle: u32) callconv(.c) void {
            arena.beginCall();
            if (unbox(Class, handle) == null) throwMessage("__wbg_" ++ prefix ++ "free: a handle that is not a live " ++ name);
            release(Class, handle);
            arena.endCall();
        }
    };
    @export(&Free.free, .{ .name = "__wbg_" ++ prefix ++ "free" });
    for (@typeInfo(Class).@"struct".decl_names) |decl_name| {
        const member = @field(Class, decl_name);
        if (@typeInfo(@TypeOf(member)) != .@"fn" or std.mem.eql(u8, decl_name, "deinit")) continue;
        const info = @typeInfo(@TypeOf(member)).@"fn";
        const First = if (info.param_types.len > 0) info.param_types[0].? else void;
        const borrowed = First == *Class or First == *const Class;
        const consumed = First == Class and !std.mem.eql(u8, decl_name, "new");
        const receiver = borrowed or consumed;
        const count = info.param_types.len - @intFromBool(receiver);
        const names = if (@hasField(@TypeOf(argument_names), decl_name)) argumentList(@field(argument_names, decl_name)) else defaultNames(count);
        if (names.len != count) @compileError("hearth: " ++ name ++ "." ++ decl_name ++ ": argument names do not match its parameters");
        const kind: program.Kind = if (std.mem.eql(u8, decl_name, "new"))
            .constructor
        else
            .{ .method = .{ .static = !receiver, .consumed = consumed } };
        _ = Export(prefix ++ decl_name, member, if (receiver) Class else null);
        _ = Record(program.record(name, decl_name, names, kind));
    }
}
