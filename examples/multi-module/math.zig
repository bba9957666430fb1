//! The math module: integer arithmetic as plain wasm exports (i32 in, i32 out), no memory use
//! beyond its stack. Wrapping arithmetic, as wasm's own i32.add and i32.mul: no traps.

/// a + b, wrapping on overflow.
export fn add(a: i32, b: i32) i32 {
    return a +% b;
}

/// a × b, wrapping on overflow.
export fn mul(a: i32, b: i32) i32 {
    return a *% b;
}

/// The greatest common divisor of |a| and |b| (gcd(0, 0) = 0), by Euclid's algorithm.
export fn gcd(a: i32, b: i32) i32 {
    var x: u32 = @abs(a);
    var y: u32 = @abs(b);
    while (y != 0) {
        const r = x % y;
        x = y;
        y = r;
    }
    return @bitCast(x);
}
