"""C bodies of the SIMD instructions, part of the instruction description.

`simd_body(name)` returns the C statements of one operation. Operands are `a`, `b`, `c`
(V128 unions, see Sources/CWasmEngine/simd.h), `x` (a scalar operand's bits: uint32_t or
uint64_t), `s` (an i32 shift count), `lane` (an immediate lane index) and `l` (the shuffle's
16 lane indices). Vector results go to `r` (V128); scalar results to `out`.
Memory forms get `ea` (the checked effective address) and the memory's base.
"""

SHAPES = {  # shape: (signed member, unsigned member, lanes, lane bits)
    "i8x16": ("i8", "u8", 16, 8),
    "i16x8": ("i16", "u16", 8, 16),
    "i32x4": ("i32", "u32", 4, 32),
    "i64x2": ("i64", "u64", 2, 64),
    "f32x4": ("f32", "u32", 4, 32),
    "f64x2": ("f64", "u64", 2, 64),
}
C_INT = {8: ("int8_t", "uint8_t"), 16: ("int16_t", "uint16_t"), 32: ("int32_t", "uint32_t"), 64: ("int64_t", "uint64_t")}
LIMITS = {8: ("INT8_MIN", "INT8_MAX", "UINT8_MAX"), 16: ("INT16_MIN", "INT16_MAX", "UINT16_MAX")}


def loop(n, body):
    return f"for (int i = 0; i < {n}; i++) {{ {body} }}"


def lanewise_compare(shape, op):
    s, u, n, bits = SHAPES[shape]
    ops = {"eq": "==", "ne": "!=", "lt": "<", "gt": ">", "le": "<=", "ge": ">="}
    base, _, sign = op.partition("_")
    member = u if sign == "u" else s
    result = {"i8x16": "i8", "i16x8": "i16", "i32x4": "i32", "i64x2": "i64", "f32x4": "i32", "f64x2": "i64"}[shape]
    if base in ("eq", "ne") and not shape.startswith("f"):
        member = u
    return f"r.{result} = (a.{member} {ops[base]} b.{member});"


def simd_body(name):
    shape, _, op = name.partition(".")
    if shape == "v128":
        return v128_body(op)
    s, u, n, bits = SHAPES[shape]
    is_float = shape.startswith("f")
    sint, uint = C_INT[bits]
    if op in ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "lt", "gt", "le", "ge"):
        return lanewise_compare(shape, op)
    if op == "splat":
        member = u if not is_float else ("u32" if bits == 32 else "u64")
        return loop(n, f"r.{member}[i] = ({uint})x;")
    if op in ("extract_lane_s", "extract_lane_u", "extract_lane"):
        if op == "extract_lane_s":
            return f"out = (uint32_t)(int32_t)a.{s}[lane];"
        if op == "extract_lane_u":
            return f"out = (uint32_t)a.{u}[lane];"
        return f"out = a.{'u32' if bits == 32 else 'u64'}[lane];"
    if op == "replace_lane":
        return f"r = a; r.{u if not is_float else ('u32' if bits == 32 else 'u64')}[lane] = ({uint})x;"
    if op == "all_true":
        return f"out = 1; {loop(n, f'if (a.{u}[i] == 0) out = 0;')}"
    if op == "bitmask":
        return f"out = 0; {loop(n, f'out |= (uint32_t)(a.{s}[i] < 0) << i;')}"
    if is_float:
        return float_body(shape, op)
    return int_body(shape, op)


def v128_body(op):
    return {
        "not": "r.u64 = ~a.u64;",
        "and": "r.u64 = a.u64 & b.u64;",
        "andnot": "r.u64 = a.u64 & ~b.u64;",
        "or": "r.u64 = a.u64 | b.u64;",
        "xor": "r.u64 = a.u64 ^ b.u64;",
        "bitselect": "r.u64 = (a.u64 & c.u64) | (b.u64 & ~c.u64);",
        "any_true": "out = (a.u64[0] | a.u64[1]) != 0;",
    }[op]


def saturate(value, bits, signed):
    lo, hi, uhi = LIMITS[bits]
    if signed:
        return f"({value} < {lo} ? {lo} : {value} > {hi} ? {hi} : {value})"
    return f"({value} < 0 ? 0 : {value} > {uhi} ? {uhi} : {value})"


def int_body(shape, op):
    s, u, n, bits = SHAPES[shape]
    sint, uint = C_INT[bits]
    mask = bits - 1
    simple = {
        "add": f"r.{u} = a.{u} + b.{u};",
        "sub": f"r.{u} = a.{u} - b.{u};",
        "mul": f"r.{u} = a.{u} * b.{u};",
        "neg": f"r.{u} = ({uint})0 - a.{u};",
        "shl": f"r.{u} = a.{u} << (s & {mask});",
        "shr_s": f"r.{s} = a.{s} >> (s & {mask});",
        "shr_u": f"r.{u} = a.{u} >> (s & {mask});",
        "add_sat_s": f"r.{s} = __builtin_elementwise_add_sat(a.{s}, b.{s});",
        "add_sat_u": f"r.{u} = __builtin_elementwise_add_sat(a.{u}, b.{u});",
        "sub_sat_s": f"r.{s} = __builtin_elementwise_sub_sat(a.{s}, b.{s});",
        "sub_sat_u": f"r.{u} = __builtin_elementwise_sub_sat(a.{u}, b.{u});",
        "min_s": f"r.{s} = __builtin_elementwise_min(a.{s}, b.{s});",
        "min_u": f"r.{u} = __builtin_elementwise_min(a.{u}, b.{u});",
        "max_s": f"r.{s} = __builtin_elementwise_max(a.{s}, b.{s});",
        "max_u": f"r.{u} = __builtin_elementwise_max(a.{u}, b.{u});",
        "abs": loop(n, f"r.{u}[i] = a.{s}[i] < 0 ? ({uint})0 - a.{u}[i] : a.{u}[i];"),
        "avgr_u": loop(n, f"r.{u}[i] = ({uint})(((uint32_t)a.{u}[i] + b.{u}[i] + 1) >> 1);"),
        "popcnt": loop(n, f"r.{u}[i] = (uint8_t)__builtin_popcount(a.{u}[i]);"),
    }
    if op in simple:
        return simple[op]
    half = {16: 8, 32: 16, 64: 32}.get(bits)
    if half:
        hs, hu = {8: ("i8", "u8"), 16: ("i16", "u16"), 32: ("i32", "u32")}[half]
        hsint, huint = C_INT[half]
        if op.startswith("extend_"):
            _, part, _, sign = op.split("_")  # extend low i8x16 s
            src = hs if sign == "s" else hu
            dst = s if sign == "s" else u
            offset = 0 if part == "low" else n
            return loop(n, f"r.{dst}[i] = a.{src}[i + {offset}];")
        if op.startswith("extmul_"):
            _, part, _, sign = op.split("_")
            src = hs if sign == "s" else hu
            dst = s if sign == "s" else u
            ctype = sint if sign == "s" else uint
            offset = 0 if part == "low" else n
            return loop(n, f"r.{dst}[i] = ({ctype})a.{src}[i + {offset}] * ({ctype})b.{src}[i + {offset}];")
        if op.startswith("extadd_pairwise_"):
            sign = op[-1]
            src = hs if sign == "s" else hu
            dst = s if sign == "s" else u
            ctype = sint if sign == "s" else uint
            return loop(n, f"r.{dst}[i] = ({ctype})(({ctype})a.{src}[2 * i] + ({ctype})a.{src}[2 * i + 1]);")
    if op.startswith("narrow_"):
        sign = op[-1]
        src = {8: "i16", 16: "i32"}[bits]
        dst = s if sign == "s" else u
        ctype = sint if sign == "s" else uint
        lanes = n // 2
        return (loop(lanes, f"int32_t v = a.{src}[i]; r.{dst}[i] = ({ctype}){saturate('v', bits, sign == 's')};") + " "
                + loop(lanes, f"int32_t v = b.{src}[i]; r.{dst}[i + {lanes}] = ({ctype}){saturate('v', bits, sign == 's')};"))
    if op == "q15mulr_sat_s":
        return loop(8, "int32_t v = ((int32_t)a.i16[i] * b.i16[i] + 0x4000) >> 15; "
                       "r.i16[i] = (int16_t)(v > INT16_MAX ? INT16_MAX : v);")
    if op == "dot_i16x8_s":
        return loop(4, "r.u32[i] = (uint32_t)((int32_t)a.i16[2 * i] * b.i16[2 * i]) + "
                       "(uint32_t)((int32_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]);")
    if op == "swizzle":
        return loop(16, "r.u8[i] = b.u8[i] < 16 ? a.u8[b.u8[i]] : 0;")
    if op == "shuffle":
        return loop(16, "r.u8[i] = l[i] < 16 ? a.u8[l[i]] : b.u8[l[i] - 16];")
    if op.startswith("trunc_sat_f32x4"):
        signed = op.endswith("_s")
        lo, hi = ("-2147483904.0f", "2147483648.0f") if signed else ("-1.0f", "4294967296.0f")
        mn, mx = ("INT32_MIN", "INT32_MAX") if signed else ("0", "UINT32_MAX")
        ctype = "int32_t" if signed else "uint32_t"
        member = "i32" if signed else "u32"
        return loop(4, f"float v = a.f32[i]; r.{member}[i] = v != v ? 0 : !(v > {lo}) ? {mn} : !(v < {hi}) ? {mx} : ({ctype})v;")
    if op.startswith("trunc_sat_f64x2"):
        signed = "_s_" in op
        lo, hi = ("-2147483649.0", "2147483648.0") if signed else ("-1.0", "4294967296.0")
        mn, mx = ("INT32_MIN", "INT32_MAX") if signed else ("0", "UINT32_MAX")
        ctype = "int32_t" if signed else "uint32_t"
        member = "i32" if signed else "u32"
        return (loop(2, f"double v = a.f64[i]; r.{member}[i] = v != v ? 0 : !(v > {lo}) ? {mn} : !(v < {hi}) ? {mx} : ({ctype})v;")
                + " r.u32[2] = 0; r.u32[3] = 0;")
    raise KeyError(f"no C body for {shape}.{op}")


def float_body(shape, op):
    s, u, n, bits = SHAPES[shape]
    f = "f" if bits == 32 else ""
    w = str(bits)
    sign = "0x80000000u" if bits == 32 else "0x8000000000000000ull"
    simple = {
        "add": f"r.{s} = a.{s} + b.{s};",
        "sub": f"r.{s} = a.{s} - b.{s};",
        "mul": f"r.{s} = a.{s} * b.{s};",
        "div": f"r.{s} = a.{s} / b.{s};",
        "abs": f"r.{u} = a.{u} & ~({'(uint32_t)' if bits == 32 else '(uint64_t)'}{sign});",
        "neg": f"r.{u} = a.{u} ^ {sign};",
        "sqrt": f"r.{s} = __builtin_elementwise_sqrt(a.{s});",
        "ceil": loop(n, f"r.{s}[i] = __builtin_ceil{f}(a.{s}[i]);"),
        "floor": loop(n, f"r.{s}[i] = __builtin_floor{f}(a.{s}[i]);"),
        "trunc": loop(n, f"r.{s}[i] = __builtin_trunc{f}(a.{s}[i]);"),
        "nearest": loop(n, f"r.{s}[i] = __builtin_rint{f}(a.{s}[i]);"),
        "min": loop(n, f"r.{s}[i] = hearth_f{w}_min(a.{s}[i], b.{s}[i]);"),
        "max": loop(n, f"r.{s}[i] = hearth_f{w}_max(a.{s}[i], b.{s}[i]);"),
        "pmin": loop(n, f"r.{s}[i] = b.{s}[i] < a.{s}[i] ? b.{s}[i] : a.{s}[i];"),
        "pmax": loop(n, f"r.{s}[i] = a.{s}[i] < b.{s}[i] ? b.{s}[i] : a.{s}[i];"),
        "convert_i32x4_s": "r.f32 = __builtin_convertvector(a.i32, v_f32);",
        "convert_i32x4_u": "r.f32 = __builtin_convertvector(a.u32, v_f32);",
        "demote_f64x2_zero": "r.f32[0] = (float)a.f64[0]; r.f32[1] = (float)a.f64[1]; r.u32[2] = 0; r.u32[3] = 0;",
        "promote_low_f32x4": "r.f64[0] = (double)a.f32[0]; r.f64[1] = (double)a.f32[1];",
        "convert_low_i32x4_s": "r.f64[0] = (double)a.i32[0]; r.f64[1] = (double)a.i32[1];",
        "convert_low_i32x4_u": "r.f64[0] = (double)a.u32[0]; r.f64[1] = (double)a.u32[1];",
    }
    return simple[op]


# Memory forms: name -> (bytes accessed, C body using `ea` in the memory at `base`).
def simd_memory_body(name, base):
    op = name.split(".")[1]
    table = {
        "load": (16, f"memcpy(&r, {base} + ea, 16);"),
        "load8x8_s": (8, f"int8_t v[8]; memcpy(v, {base} + ea, 8); " + loop(8, "r.i16[i] = v[i];")),
        "load8x8_u": (8, f"uint8_t v[8]; memcpy(v, {base} + ea, 8); " + loop(8, "r.u16[i] = v[i];")),
        "load16x4_s": (8, f"int16_t v[4]; memcpy(v, {base} + ea, 8); " + loop(4, "r.i32[i] = v[i];")),
        "load16x4_u": (8, f"uint16_t v[4]; memcpy(v, {base} + ea, 8); " + loop(4, "r.u32[i] = v[i];")),
        "load32x2_s": (8, f"int32_t v[2]; memcpy(v, {base} + ea, 8); " + loop(2, "r.i64[i] = v[i];")),
        "load32x2_u": (8, f"uint32_t v[2]; memcpy(v, {base} + ea, 8); " + loop(2, "r.u64[i] = v[i];")),
        "load8_splat": (1, f"uint8_t v; memcpy(&v, {base} + ea, 1); " + loop(16, "r.u8[i] = v;")),
        "load16_splat": (2, f"uint16_t v; memcpy(&v, {base} + ea, 2); " + loop(8, "r.u16[i] = v;")),
        "load32_splat": (4, f"uint32_t v; memcpy(&v, {base} + ea, 4); " + loop(4, "r.u32[i] = v;")),
        "load64_splat": (8, f"uint64_t v; memcpy(&v, {base} + ea, 8); " + loop(2, "r.u64[i] = v;")),
        "load32_zero": (4, f"r.u64[0] = 0; r.u64[1] = 0; memcpy(&r, {base} + ea, 4);"),
        "load64_zero": (8, f"r.u64[1] = 0; memcpy(&r, {base} + ea, 8);"),
        "store": (16, f"memcpy({base} + ea, &a, 16);"),
    }
    for bits in (8, 16, 32, 64):
        member = {8: "u8", 16: "u16", 32: "u32", 64: "u64"}[bits]
        table[f"load{bits}_lane"] = (bits // 8, f"r = a; memcpy(&((uint8_t *)&r)[lane * {bits // 8}], {base} + ea, {bits // 8});")
        table[f"store{bits}_lane"] = (bits // 8, f"memcpy({base} + ea, &((uint8_t *)&a)[lane * {bits // 8}], {bits // 8});")
    return table[op]
