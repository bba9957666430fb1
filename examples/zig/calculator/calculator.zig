const hearth = @import("hearth");

/// A running total that lives in guest memory behind a handle.
pub const Calculator = struct {
    total: i32,
    /// How many additions so far.
    steps: u32,

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
    hearth.exportClass(Calculator, .{ .new = .{"initial"}, .add = .{"x"}, .absorb = .{"other"}, .equals = .{"other"} });
}
