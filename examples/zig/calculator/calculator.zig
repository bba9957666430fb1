const hearth = @import("hearth");

/// A running total that lives in guest memory behind a handle.
pub const Calculator = struct {
    /// Public fields: the host reads and writes them through generated getter and setter exports.
    pub const hearth_fields = .{"steps"};

    total: i32,
    /// How many additions so far.
    steps: u32,
    /// A name the host may give it: memory the object owns, from `hearth.keep_allocator`.
    name: []u8 = &.{},

    pub fn new(initial: i32) Calculator {
        return .{ .total = initial, .steps = 0 };
    }

    pub fn add(self: *Calculator, x: i32) i32 {
        self.steps += 1;
        self.total +%= x;
        return self.total;
    }

    pub fn value(self: *const Calculator) i32 {
        return self.total;
    }

    pub fn steps_taken(self: *const Calculator) u32 {
        return self.steps;
    }

    /// Names the calculator; the name outlives the call.
    pub fn set_name(self: *Calculator, name: []const u8) void {
        const copy = hearth.keep_allocator.dupe(u8, name) catch @trap();
        hearth.keep_allocator.free(self.name);
        self.name = copy;
    }

    pub fn name_text(self: *const Calculator) []const u8 {
        return self.name;
    }

    /// Runs when the host frees the object: gives the name's memory back.
    pub fn deinit(self: *Calculator) void {
        hearth.keep_allocator.free(self.name);
    }

    /// Adds another calculator's value and uses the other one up.
    pub fn absorb(self: *Calculator, other: Calculator) i32 {
        self.total +%= other.total;
        return self.total;
    }

    /// Compares with another calculator, which stays usable.
    pub fn equals(self: *const Calculator, other: *const Calculator) bool {
        return self.total == other.total;
    }

    /// A static constructor.
    pub fn zero() Calculator {
        return .{ .total = 0, .steps = 0 };
    }

    /// Consumes the calculator and returns its final value.
    pub fn finish(self: Calculator) i32 {
        return self.total;
    }
};

comptime {
    hearth.exportClass(Calculator, .{ .new = .{"initial"}, .add = .{"x"}, .absorb = .{"other"}, .equals = .{"other"}, .set_name = .{"name"} });
}
