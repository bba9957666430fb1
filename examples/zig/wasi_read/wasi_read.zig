//! A WASI command: prints the file named by its first argument (default `input.txt`), read
//! from the first pre-opened directory. Raw WASI calls keep it small (std.Io imports every
//! preview1 function).
const std = @import("std");
const wasi = std.os.wasi;

fn write(fd: wasi.fd_t, bytes: []const u8) void {
    var rest = bytes;
    while (rest.len > 0) {
        const iov = [_]wasi.ciovec_t{.{ .base = rest.ptr, .len = rest.len }};
        var written: usize = 0;
        if (wasi.fd_write(fd, &iov, 1, &written) != .SUCCESS) return;
        rest = rest[written..];
    }
}

fn fail(message: []const u8) noreturn {
    write(2, message);
    wasi.proc_exit(1);
}

pub fn main() void {
    var name: []const u8 = "input.txt";
    var args_buffer: [1024]u8 = undefined;
    var argv: [16][*:0]u8 = undefined;
    var argc: usize = 0;
    var args_size: usize = 0;
    if (wasi.args_sizes_get(&argc, &args_size) == .SUCCESS and argc >= 2 and argc <= argv.len and args_size <= args_buffer.len) {
        if (wasi.args_get(&argv, &args_buffer) == .SUCCESS) name = std.mem.span(argv[1]);
    }
    // The first pre-opened directory is fd 3.
    var prestat: wasi.prestat_t = undefined;
    if (wasi.fd_prestat_get(3, &prestat) != .SUCCESS) fail("wasi_read: no pre-opened directory (run with --dir)\n");
    var fd: wasi.fd_t = undefined;
    const rights: wasi.rights_t = .{ .FD_READ = true };
    if (wasi.path_open(3, .{}, name.ptr, name.len, .{}, rights, .{}, .{}, &fd) != .SUCCESS) fail("wasi_read: cannot open the file\n");
    var buffer: [4096]u8 = undefined;
    while (true) {
        const iov = [_]wasi.iovec_t{.{ .base = &buffer, .len = buffer.len }};
        var read: usize = 0;
        if (wasi.fd_read(fd, &iov, 1, &read) != .SUCCESS) fail("wasi_read: read failed\n");
        if (read == 0) break;
        write(1, buffer[0..read]);
    }
    _ = wasi.fd_close(fd);
}
