"""The one description of WebAssembly's instructions.

Every opcode is listed here once. The regular instructions (those whose behaviour is "pop
typed operands, push at most one typed result") come with their type rule and, for scalar
ops, their C body; `INSTRUCTIONS` at the end lists every opcode (the regular ones as ranges
of these tables) with its encoding, immediates and type rule. `generate.py` turns this into
the decoder's opcode tables (Swift), the translator's decoder (one dispatch on the opcode,
then one translation method per instruction), the constant-expression reader, the
translator's handler mapping (Swift) and the threaded-code handlers (C).

A new instruction is a row of `INSTRUCTIONS` (or of a regular table) plus its translation
method in Sources/WasmEngine/Translation.
"""

# Numeric instructions: (name, opcode, params, result, C expression or statement).
# In C, `a` and `b` are the operands (uint32_t, uint64_t, float or double); an expression is
# the result, a statement (starting with '{') assigns `r` and may TRAP(reason).
I32, I64, F32, F64, V128 = "i32", "i64", "f32", "f64", "v128"

def _int_ops(t, base):
    bits = 32 if t == I32 else 64
    s = "int32_t" if t == I32 else "int64_t"
    u = "uint32_t" if t == I32 else "uint64_t"
    smin = "INT32_MIN" if t == I32 else "INT64_MIN"
    ctz = "__builtin_ctz" if t == I32 else "__builtin_ctzll"
    clz = "__builtin_clz" if t == I32 else "__builtin_clzll"
    pop = "__builtin_popcount" if t == I32 else "__builtin_popcountll"
    n = t
    return [
        (f"{n}.clz", base + 0, [t], t, f"a == 0 ? {bits} : {clz}(a)"),
        (f"{n}.ctz", base + 1, [t], t, f"a == 0 ? {bits} : {ctz}(a)"),
        (f"{n}.popcnt", base + 2, [t], t, f"{pop}(a)"),
        (f"{n}.add", base + 3, [t, t], t, "a + b"),
        (f"{n}.sub", base + 4, [t, t], t, "a - b"),
        (f"{n}.mul", base + 5, [t, t], t, "a * b"),
        (f"{n}.div_s", base + 6, [t, t], t,
         f"{{ if (b == 0) TRAP(HTRAP_DIVIDE_BY_ZERO); if (({s})a == {smin} && ({s})b == -1) TRAP(HTRAP_INTEGER_OVERFLOW); r = ({u})(({s})a / ({s})b); }}"),
        (f"{n}.div_u", base + 7, [t, t], t,
         "{ if (b == 0) TRAP(HTRAP_DIVIDE_BY_ZERO); r = a / b; }"),
        (f"{n}.rem_s", base + 8, [t, t], t,
         f"{{ if (b == 0) TRAP(HTRAP_DIVIDE_BY_ZERO); r = (({s})b == -1) ? 0 : ({u})(({s})a % ({s})b); }}"),
        (f"{n}.rem_u", base + 9, [t, t], t,
         "{ if (b == 0) TRAP(HTRAP_DIVIDE_BY_ZERO); r = a % b; }"),
        (f"{n}.and", base + 10, [t, t], t, "a & b"),
        (f"{n}.or", base + 11, [t, t], t, "a | b"),
        (f"{n}.xor", base + 12, [t, t], t, "a ^ b"),
        (f"{n}.shl", base + 13, [t, t], t, f"a << (b & {bits - 1})"),
        (f"{n}.shr_s", base + 14, [t, t], t, f"({u})(({s})a >> (b & {bits - 1}))"),
        (f"{n}.shr_u", base + 15, [t, t], t, f"a >> (b & {bits - 1})"),
        (f"{n}.rotl", base + 16, [t, t], t,
         f"(a << (b & {bits - 1})) | (a >> ((-b) & {bits - 1}))"),
        (f"{n}.rotr", base + 17, [t, t], t,
         f"(a >> (b & {bits - 1})) | (a << ((-b) & {bits - 1}))"),
    ]

def _int_compares(t, base):
    s = "int32_t" if t == I32 else "int64_t"
    return [
        (f"{t}.eqz", base, [t], I32, "a == 0"),
        (f"{t}.eq", base + 1, [t, t], I32, "a == b"),
        (f"{t}.ne", base + 2, [t, t], I32, "a != b"),
        (f"{t}.lt_s", base + 3, [t, t], I32, f"({s})a < ({s})b"),
        (f"{t}.lt_u", base + 4, [t, t], I32, "a < b"),
        (f"{t}.gt_s", base + 5, [t, t], I32, f"({s})a > ({s})b"),
        (f"{t}.gt_u", base + 6, [t, t], I32, "a > b"),
        (f"{t}.le_s", base + 7, [t, t], I32, f"({s})a <= ({s})b"),
        (f"{t}.le_u", base + 8, [t, t], I32, "a <= b"),
        (f"{t}.ge_s", base + 9, [t, t], I32, f"({s})a >= ({s})b"),
        (f"{t}.ge_u", base + 10, [t, t], I32, "a >= b"),
    ]

def _float_compares(t, base):
    return [
        (f"{t}.eq", base, [t, t], I32, "a == b"),
        (f"{t}.ne", base + 1, [t, t], I32, "a != b"),
        (f"{t}.lt", base + 2, [t, t], I32, "a < b"),
        (f"{t}.gt", base + 3, [t, t], I32, "a > b"),
        (f"{t}.le", base + 4, [t, t], I32, "a <= b"),
        (f"{t}.ge", base + 5, [t, t], I32, "a >= b"),
    ]

def _float_ops(t, base):
    f = "f" if t == F32 else ""
    w = "32" if t == F32 else "64"
    return [
        (f"{t}.abs", base, [t], t, f"hearth_f{w}_abs(a)"),
        (f"{t}.neg", base + 1, [t], t, f"hearth_f{w}_neg(a)"),
        (f"{t}.ceil", base + 2, [t], t, f"__builtin_ceil{f}(a)"),
        (f"{t}.floor", base + 3, [t], t, f"__builtin_floor{f}(a)"),
        (f"{t}.trunc", base + 4, [t], t, f"__builtin_trunc{f}(a)"),
        (f"{t}.nearest", base + 5, [t], t, f"__builtin_rint{f}(a)"),
        (f"{t}.sqrt", base + 6, [t], t, "__builtin_elementwise_sqrt(a)"),  # sqrtss/sqrtsd; no libm call for errno
        (f"{t}.add", base + 7, [t, t], t, "a + b"),
        (f"{t}.sub", base + 8, [t, t], t, "a - b"),
        (f"{t}.mul", base + 9, [t, t], t, "a * b"),
        (f"{t}.div", base + 10, [t, t], t, "a / b"),
        (f"{t}.min", base + 11, [t, t], t, f"hearth_f{w}_min(a, b)"),
        (f"{t}.max", base + 12, [t, t], t, f"hearth_f{w}_max(a, b)"),
        (f"{t}.copysign", base + 13, [t, t], t, f"hearth_f{w}_copysign(a, b)"),
    ]

# Float -> int truncation: the range check is `lo < a < hi` on the source type (exclusive).
def _trunc(name, code, src, dst, ctype, lo, hi):
    return (name, code, [src], dst,
            f"{{ if (a != a) TRAP(HTRAP_INVALID_CONVERSION); "
            f"if (!(a > {lo} && a < {hi})) TRAP(HTRAP_INTEGER_OVERFLOW); r = ({ctype})a; }}")

def _trunc_sat(name, code, src, dst, ctype, lo, hi, minv, maxv):
    return (name, code, [src], dst,
            f"{{ if (a != a) r = 0; else if (!(a > {lo})) r = {minv}; "
            f"else if (!(a < {hi})) r = {maxv}; else r = ({ctype})a; }}")

# Bounds: f32 cannot represent -2^31-1, so its lower bounds are the next float below.
NUMERIC = (
    _int_compares(I32, 0x45) + _int_compares(I64, 0x50)
    + _float_compares(F32, 0x5B) + _float_compares(F64, 0x61)
    + _int_ops(I32, 0x67) + _int_ops(I64, 0x79)
    + _float_ops(F32, 0x8B) + _float_ops(F64, 0x99)
    + [
        ("i32.wrap_i64", 0xA7, [I64], I32, "(uint32_t)a"),
        _trunc("i32.trunc_f32_s", 0xA8, F32, I32, "uint32_t)(int32_t", "-2147483904.0f", "2147483648.0f"),
        _trunc("i32.trunc_f32_u", 0xA9, F32, I32, "uint32_t", "-1.0f", "4294967296.0f"),
        _trunc("i32.trunc_f64_s", 0xAA, F64, I32, "uint32_t)(int32_t", "-2147483649.0", "2147483648.0"),
        _trunc("i32.trunc_f64_u", 0xAB, F64, I32, "uint32_t", "-1.0", "4294967296.0"),
        ("i64.extend_i32_s", 0xAC, [I32], I64, "(uint64_t)(int64_t)(int32_t)a"),
        ("i64.extend_i32_u", 0xAD, [I32], I64, "(uint64_t)a"),
        _trunc("i64.trunc_f32_s", 0xAE, F32, I64, "uint64_t)(int64_t", "-9223373136366403584.0f", "9223372036854775808.0f"),
        _trunc("i64.trunc_f32_u", 0xAF, F32, I64, "uint64_t", "-1.0f", "18446744073709551616.0f"),
        _trunc("i64.trunc_f64_s", 0xB0, F64, I64, "uint64_t)(int64_t", "-9223372036854777856.0", "9223372036854775808.0"),
        _trunc("i64.trunc_f64_u", 0xB1, F64, I64, "uint64_t", "-1.0", "18446744073709551616.0"),
        ("f32.convert_i32_s", 0xB2, [I32], F32, "(float)(int32_t)a"),
        ("f32.convert_i32_u", 0xB3, [I32], F32, "(float)a"),
        ("f32.convert_i64_s", 0xB4, [I64], F32, "(float)(int64_t)a"),
        ("f32.convert_i64_u", 0xB5, [I64], F32, "(float)a"),
        ("f32.demote_f64", 0xB6, [F64], F32, "(float)a"),
        ("f64.convert_i32_s", 0xB7, [I32], F64, "(double)(int32_t)a"),
        ("f64.convert_i32_u", 0xB8, [I32], F64, "(double)a"),
        ("f64.convert_i64_s", 0xB9, [I64], F64, "(double)(int64_t)a"),
        ("f64.convert_i64_u", 0xBA, [I64], F64, "(double)a"),
        ("f64.promote_f32", 0xBB, [F32], F64, "(double)a"),
        ("i32.reinterpret_f32", 0xBC, [F32], I32, "hearth_bits32(a)"),
        ("i64.reinterpret_f64", 0xBD, [F64], I64, "hearth_bits64(a)"),
        ("f32.reinterpret_i32", 0xBE, [I32], F32, "hearth_f32_from_bits(a)"),
        ("f64.reinterpret_i64", 0xBF, [I64], F64, "hearth_f64_from_bits(a)"),
        ("i32.extend8_s", 0xC0, [I32], I32, "(uint32_t)(int32_t)(int8_t)a"),
        ("i32.extend16_s", 0xC1, [I32], I32, "(uint32_t)(int32_t)(int16_t)a"),
        ("i64.extend8_s", 0xC2, [I64], I64, "(uint64_t)(int64_t)(int8_t)a"),
        ("i64.extend16_s", 0xC3, [I64], I64, "(uint64_t)(int64_t)(int16_t)a"),
        ("i64.extend32_s", 0xC4, [I64], I64, "(uint64_t)(int64_t)(int32_t)a"),
    ]
)

# 0xFC prefix: non-trapping float-to-int conversions.
SATURATING = [
    _trunc_sat("i32.trunc_sat_f32_s", 0, F32, I32, "uint32_t)(int32_t", "-2147483904.0f", "2147483648.0f", "(uint32_t)INT32_MIN", "(uint32_t)INT32_MAX"),
    _trunc_sat("i32.trunc_sat_f32_u", 1, F32, I32, "uint32_t", "-1.0f", "4294967296.0f", "0", "UINT32_MAX"),
    _trunc_sat("i32.trunc_sat_f64_s", 2, F64, I32, "uint32_t)(int32_t", "-2147483649.0", "2147483648.0", "(uint32_t)INT32_MIN", "(uint32_t)INT32_MAX"),
    _trunc_sat("i32.trunc_sat_f64_u", 3, F64, I32, "uint32_t", "-1.0", "4294967296.0", "0", "UINT32_MAX"),
    _trunc_sat("i64.trunc_sat_f32_s", 4, F32, I64, "uint64_t)(int64_t", "-9223373136366403584.0f", "9223372036854775808.0f", "(uint64_t)INT64_MIN", "(uint64_t)INT64_MAX"),
    _trunc_sat("i64.trunc_sat_f32_u", 5, F32, I64, "uint64_t", "-1.0f", "18446744073709551616.0f", "0", "UINT64_MAX"),
    _trunc_sat("i64.trunc_sat_f64_s", 6, F64, I64, "uint64_t)(int64_t", "-9223372036854777856.0", "9223372036854775808.0", "(uint64_t)INT64_MIN", "(uint64_t)INT64_MAX"),
    _trunc_sat("i64.trunc_sat_f64_u", 7, F64, I64, "uint64_t", "-1.0", "18446744073709551616.0", "0", "UINT64_MAX"),
]

# Binary integer operations whose operands may be swapped (so a constant left operand can
# become an immediate).
COMMUTATIVE = {f"{t}.{op}" for t in (I32, I64) for op in ("add", "mul", "and", "or", "xor", "eq", "ne")}

# Integer comparisons and their negations, for compare-and-branch fusion.
NEGATED_COMPARE = {"eq": "ne", "ne": "eq", "lt_s": "ge_s", "ge_s": "lt_s", "lt_u": "ge_u",
                   "ge_u": "lt_u", "gt_s": "le_s", "le_s": "gt_s", "gt_u": "le_u", "le_u": "gt_u"}

# Comparisons with their operands swapped (`c < x` is `x > c`), so a constant left operand can
# become an immediate; integer and float alike (a NaN fails both forms).
MIRRORED_COMPARE = {"eq": "eq", "ne": "ne", "lt_s": "gt_s", "gt_s": "lt_s", "le_s": "ge_s", "ge_s": "le_s",
                    "lt_u": "gt_u", "gt_u": "lt_u", "le_u": "ge_u", "ge_u": "le_u",
                    "lt": "gt", "gt": "lt", "le": "ge", "ge": "le"}

# Memory instructions: (name, opcode, value type, access bytes, C type of the access, signed).
LOADS = [
    ("i32.load", 0x28, I32, 4, "uint32_t", None),
    ("i64.load", 0x29, I64, 8, "uint64_t", None),
    ("f32.load", 0x2A, F32, 4, "uint32_t", None),
    ("f64.load", 0x2B, F64, 8, "uint64_t", None),
    ("i32.load8_s", 0x2C, I32, 1, "int8_t", "int32_t"),
    ("i32.load8_u", 0x2D, I32, 1, "uint8_t", "uint32_t"),
    ("i32.load16_s", 0x2E, I32, 2, "int16_t", "int32_t"),
    ("i32.load16_u", 0x2F, I32, 2, "uint16_t", "uint32_t"),
    ("i64.load8_s", 0x30, I64, 1, "int8_t", "int64_t"),
    ("i64.load8_u", 0x31, I64, 1, "uint8_t", "uint64_t"),
    ("i64.load16_s", 0x32, I64, 2, "int16_t", "int64_t"),
    ("i64.load16_u", 0x33, I64, 2, "uint16_t", "uint64_t"),
    ("i64.load32_s", 0x34, I64, 4, "int32_t", "int64_t"),
    ("i64.load32_u", 0x35, I64, 4, "uint32_t", "uint64_t"),
]
STORES = [
    ("i32.store", 0x36, I32, 4, "uint32_t"),
    ("i64.store", 0x37, I64, 8, "uint64_t"),
    ("f32.store", 0x38, F32, 4, "uint32_t"),
    ("f64.store", 0x39, F64, 8, "uint64_t"),
    ("i32.store8", 0x3A, I32, 1, "uint8_t"),
    ("i32.store16", 0x3B, I32, 2, "uint16_t"),
    ("i64.store8", 0x3C, I64, 1, "uint8_t"),
    ("i64.store16", 0x3D, I64, 2, "uint16_t"),
    ("i64.store32", 0x3E, I64, 4, "uint32_t"),
]

# 0xFD prefix: fixed-width SIMD. (name, opcode, immediate, params, result, natural alignment
# log2 for memory forms). Decoded and validated now; executed once the SIMD issue lands.
# Immediates: "" none, "memarg", "memarg_lane", "v128", "shuffle", "lane".
def _simd():
    ops = []
    def add(name, code, imm="", params=None, result=V128, align=None):
        ops.append((name, code, imm, params if params is not None else [V128, V128], result, align))
    def unary(name, code):
        add(name, code, params=[V128])
    loads = [("v128.load", 0, 4), ("v128.load8x8_s", 1, 3), ("v128.load8x8_u", 2, 3),
             ("v128.load16x4_s", 3, 3), ("v128.load16x4_u", 4, 3), ("v128.load32x2_s", 5, 3),
             ("v128.load32x2_u", 6, 3), ("v128.load8_splat", 7, 0), ("v128.load16_splat", 8, 1),
             ("v128.load32_splat", 9, 2), ("v128.load64_splat", 10, 3),
             ("v128.load32_zero", 92, 2), ("v128.load64_zero", 93, 3)]
    for name, code, align in loads:
        add(name, code, "memarg", [I32], V128, align)
    add("v128.store", 11, "memarg", [I32, V128], None, 4)
    add("v128.const", 12, "v128", [], V128)
    add("i8x16.shuffle", 13, "shuffle", [V128, V128], V128)
    add("i8x16.swizzle", 14)
    for i, (shape, scalar) in enumerate([("i8x16", I32), ("i16x8", I32), ("i32x4", I32),
                                         ("i64x2", I64), ("f32x4", F32), ("f64x2", F64)]):
        add(f"{shape}.splat", 15 + i, "", [scalar], V128)
    lanes = [("i8x16.extract_lane_s", 21, 16, "x", I32), ("i8x16.extract_lane_u", 22, 16, "x", I32),
             ("i8x16.replace_lane", 23, 16, "r", I32),
             ("i16x8.extract_lane_s", 24, 8, "x", I32), ("i16x8.extract_lane_u", 25, 8, "x", I32),
             ("i16x8.replace_lane", 26, 8, "r", I32),
             ("i32x4.extract_lane", 27, 4, "x", I32), ("i32x4.replace_lane", 28, 4, "r", I32),
             ("i64x2.extract_lane", 29, 2, "x", I64), ("i64x2.replace_lane", 30, 2, "r", I64),
             ("f32x4.extract_lane", 31, 4, "x", F32), ("f32x4.replace_lane", 32, 4, "r", F32),
             ("f64x2.extract_lane", 33, 2, "x", F64), ("f64x2.replace_lane", 34, 2, "r", F64)]
    for name, code, count, kind, scalar in lanes:
        if kind == "x":
            add(name, code, f"lane{count}", [V128], scalar)
        else:
            add(name, code, f"lane{count}", [V128, scalar], V128)
    cmp_int = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
    for shape, base in [("i8x16", 35), ("i16x8", 45), ("i32x4", 55)]:
        for i, c in enumerate(cmp_int):
            add(f"{shape}.{c}", base + i)
    for shape, base in [("f32x4", 65), ("f64x2", 71)]:
        for i, c in enumerate(["eq", "ne", "lt", "gt", "le", "ge"]):
            add(f"{shape}.{c}", base + i)
    unary("v128.not", 77)
    for i, c in enumerate(["and", "andnot", "or", "xor"]):
        add(f"v128.{c}", 78 + i)
    add("v128.bitselect", 82, "", [V128, V128, V128], V128)
    add("v128.any_true", 83, "", [V128], I32)
    for i, (w, count, align) in enumerate([(8, 16, 0), (16, 8, 1), (32, 4, 2), (64, 2, 3)]):
        add(f"v128.load{w}_lane", 84 + i, f"memarg_lane{count}", [I32, V128], V128, align)
        add(f"v128.store{w}_lane", 88 + i, f"memarg_lane{count}", [I32, V128], None, align)
    unary("f32x4.demote_f64x2_zero", 94)
    unary("f64x2.promote_low_f32x4", 95)
    table = {
        96: "i8x16.abs", 97: "i8x16.neg", 98: "i8x16.popcnt", 101: "i8x16.narrow_i16x8_s*",
        102: "i8x16.narrow_i16x8_u*", 103: "f32x4.ceil", 104: "f32x4.floor", 105: "f32x4.trunc",
        106: "f32x4.nearest", 107: "i8x16.shl<", 108: "i8x16.shr_s<", 109: "i8x16.shr_u<",
        110: "i8x16.add*", 111: "i8x16.add_sat_s*", 112: "i8x16.add_sat_u*", 113: "i8x16.sub*",
        114: "i8x16.sub_sat_s*", 115: "i8x16.sub_sat_u*", 116: "f64x2.ceil", 117: "f64x2.floor",
        118: "i8x16.min_s*", 119: "i8x16.min_u*", 120: "i8x16.max_s*", 121: "i8x16.max_u*",
        122: "f64x2.trunc", 123: "i8x16.avgr_u*", 124: "i16x8.extadd_pairwise_i8x16_s",
        125: "i16x8.extadd_pairwise_i8x16_u", 126: "i32x4.extadd_pairwise_i16x8_s",
        127: "i32x4.extadd_pairwise_i16x8_u", 128: "i16x8.abs", 129: "i16x8.neg",
        130: "i16x8.q15mulr_sat_s*", 133: "i16x8.narrow_i32x4_s*", 134: "i16x8.narrow_i32x4_u*",
        135: "i16x8.extend_low_i8x16_s", 136: "i16x8.extend_high_i8x16_s",
        137: "i16x8.extend_low_i8x16_u", 138: "i16x8.extend_high_i8x16_u", 139: "i16x8.shl<",
        140: "i16x8.shr_s<", 141: "i16x8.shr_u<", 142: "i16x8.add*", 143: "i16x8.add_sat_s*",
        144: "i16x8.add_sat_u*", 145: "i16x8.sub*", 146: "i16x8.sub_sat_s*",
        147: "i16x8.sub_sat_u*", 148: "f64x2.nearest", 149: "i16x8.mul*", 150: "i16x8.min_s*",
        151: "i16x8.min_u*", 152: "i16x8.max_s*", 153: "i16x8.max_u*", 155: "i16x8.avgr_u*",
        156: "i16x8.extmul_low_i8x16_s*", 157: "i16x8.extmul_high_i8x16_s*",
        158: "i16x8.extmul_low_i8x16_u*", 159: "i16x8.extmul_high_i8x16_u*", 160: "i32x4.abs",
        161: "i32x4.neg", 167: "i32x4.extend_low_i16x8_s", 168: "i32x4.extend_high_i16x8_s",
        169: "i32x4.extend_low_i16x8_u", 170: "i32x4.extend_high_i16x8_u", 171: "i32x4.shl<",
        172: "i32x4.shr_s<", 173: "i32x4.shr_u<", 174: "i32x4.add*", 177: "i32x4.sub*",
        181: "i32x4.mul*", 182: "i32x4.min_s*", 183: "i32x4.min_u*", 184: "i32x4.max_s*",
        185: "i32x4.max_u*", 186: "i32x4.dot_i16x8_s*", 188: "i32x4.extmul_low_i16x8_s*",
        189: "i32x4.extmul_high_i16x8_s*", 190: "i32x4.extmul_low_i16x8_u*",
        191: "i32x4.extmul_high_i16x8_u*", 192: "i64x2.abs", 193: "i64x2.neg",
        199: "i64x2.extend_low_i32x4_s", 200: "i64x2.extend_high_i32x4_s",
        201: "i64x2.extend_low_i32x4_u", 202: "i64x2.extend_high_i32x4_u", 203: "i64x2.shl<",
        204: "i64x2.shr_s<", 205: "i64x2.shr_u<", 206: "i64x2.add*", 209: "i64x2.sub*",
        213: "i64x2.mul*", 214: "i64x2.eq*", 215: "i64x2.ne*", 216: "i64x2.lt_s*",
        217: "i64x2.gt_s*", 218: "i64x2.le_s*", 219: "i64x2.ge_s*",
        220: "i64x2.extmul_low_i32x4_s*", 221: "i64x2.extmul_high_i32x4_s*",
        222: "i64x2.extmul_low_i32x4_u*", 223: "i64x2.extmul_high_i32x4_u*", 224: "f32x4.abs",
        225: "f32x4.neg", 227: "f32x4.sqrt", 228: "f32x4.add*", 229: "f32x4.sub*",
        230: "f32x4.mul*", 231: "f32x4.div*", 232: "f32x4.min*", 233: "f32x4.max*",
        234: "f32x4.pmin*", 235: "f32x4.pmax*", 236: "f64x2.abs", 237: "f64x2.neg",
        239: "f64x2.sqrt", 240: "f64x2.add*", 241: "f64x2.sub*", 242: "f64x2.mul*",
        243: "f64x2.div*", 244: "f64x2.min*", 245: "f64x2.max*", 246: "f64x2.pmin*",
        247: "f64x2.pmax*", 248: "i32x4.trunc_sat_f32x4_s", 249: "i32x4.trunc_sat_f32x4_u",
        250: "f32x4.convert_i32x4_s", 251: "f32x4.convert_i32x4_u",
        252: "i32x4.trunc_sat_f64x2_s_zero", 253: "i32x4.trunc_sat_f64x2_u_zero",
        254: "f64x2.convert_low_i32x4_s", 255: "f64x2.convert_low_i32x4_u",
    }
    for code, spec in table.items():
        if spec.endswith("*"):
            add(spec[:-1], code)
        elif spec.endswith("<"):
            add(spec[:-1], code, "", [V128, I32], V128)
        else:
            unary(spec, code)
    for shape, base in [("i8x16", 99), ("i16x8", 131), ("i32x4", 163), ("i64x2", 195)]:
        add(f"{shape}.all_true", base, "", [V128], I32)
        add(f"{shape}.bitmask", base + 1, "", [V128], I32)
    return sorted(ops, key=lambda op: op[1])

SIMD = _simd()

# Every opcode, in encoding order: single bytes, then the 0xFC and 0xFD prefixes.
#
# An `Op` is one instruction the translator handles on its own:
# - `name`: its name in the text format;
# - `code`: its opcode byte, or (prefix, code) with the code a LEB128 u32 after the prefix;
# - `immediates`: (label, kind) in encoding order, the kinds being
#     index      a u32 index (label, function, type, table, global, local, data, element)
#     labels     a vector of label indices (br_table's targets)
#     blocktype  a block type (empty, one value type, or a type index as s33)
#     valtypes   a vector of value types (typed select)
#     heaptype   a heap type (abstract, or a type index as s33)
#     catches    try_table's catch clauses
#     memarg     alignment flags, a memory index when the flags' bit 6 is set, and offset
#     i32, i64   a signed LEB128 constant
#     f32, f64   the constant's raw little-endian bits (so NaN payloads survive)
#   the label names the argument of the translation method;
# - `type`: its validation rule, [operands] -> [results], as in the specification: letters
#   stand for types fixed by an immediate or by the context (t a value type, rt a table's
#   reference type, ref a reference type the instruction constrains, t1* and t2* a block's,
#   function's, label's or tag's types, `...` the rest of
#   the stack that an unconditional branch makes polymorphic);
# - `ops`: the threaded-code operations that execute it, whose handlers are written by hand
#   in Sources/CWasmEngine/control_handlers.h: each calls into the runtime, walks frames or
#   jumps, with nothing in common to generate them from (a body per operation would be the
#   same C written as a Python string);
# - `constant`: allowed in constant expressions (for a group, the names of its rows that are);
# - `method`: the translation method, when two rows share a name (typed select).
#
# A `Group` is a range of opcodes from one of the regular tables above, decoded into that
# table's generated enum (`enum`) and translated by one method for the whole group; its rows
# carry their own types.
class Op:
    def __init__(self, name, code, immediates=(), type="[] -> []", ops=(), constant=False, method=None):
        self.name, self.code, self.immediates, self.type = name, code, tuple(immediates), type
        self.ops, self.constant, self.method = tuple(ops), constant, method


class Group:
    def __init__(self, name, codes, enum, rows, immediates=(), constant=()):
        self.name, self.codes, self.enum, self.rows = name, codes, enum, rows
        self.immediates, self.constant = tuple(immediates), tuple(constant)


_LABEL, _FUNCTION, _TABLE = ("label", "index"), ("function", "index"), ("table", "index")

INSTRUCTIONS = [
    # Control (spec 5.4.1).
    Op("unreachable", 0x00, type="[t1*] -> [t2*]", ops=["unreachable"]),
    Op("nop", 0x01),
    Op("block", 0x02, [("blockType", "blocktype")], "[t1*] -> [t2*]"),
    # An interruptible engine's code checks its limits at each loop header (and function entry).
    Op("loop", 0x03, [("blockType", "blocktype")], "[t1*] -> [t2*]"),
    Op("if", 0x04, [("blockType", "blocktype")], "[t1* i32] -> [t2*]"),
    Op("else", 0x05),
    Op("throw", 0x08, [("tag", "index")], "[t1* t*] -> [t2*]", ops=["throw"]),
    Op("throw_ref", 0x0A, type="[t1* exnref] -> [t2*]", ops=["throw_ref"]),
    Op("end", 0x0B),
    Op("br", 0x0C, [_LABEL], "[... t*] -> [...]"),
    Op("br_if", 0x0D, [_LABEL], "[t* i32] -> [t*]"),
    Op("br_table", 0x0E, [("labels", "labels"), ("defaultLabel", "index")], "[... t* i32] -> [...]"),
    Op("return", 0x0F, type="[... t*] -> [...]"),
    Op("call", 0x10, [_FUNCTION], "[t1*] -> [t2*]"),
    Op("call_indirect", 0x11, [("type", "index"), _TABLE], "[t1* i32] -> [t2*]", ops=["call_indirect", "call_indirect_checked"]),
    Op("return_call", 0x12, [_FUNCTION], "[... t1*] -> [...]", ops=["return_call"]),
    Op("return_call_indirect", 0x13, [("type", "index"), _TABLE], "[... t1* i32] -> [...]",
       ops=["return_call_indirect"]),
    Op("call_ref", 0x14, [("type", "index")], "[t1* ref] -> [t2*]", ops=["call_ref", "call_ref_checked"]),
    Op("return_call_ref", 0x15, [("type", "index")], "[... t1* ref] -> [...]", ops=["return_call_ref"]),
    # Parametric (5.4.2).
    Op("drop", 0x1A, type="[t] -> []"),
    Op("select", 0x1B, type="[t t i32] -> [t]", ops=["select_v128"]),
    Op("select", 0x1C, [("types", "valtypes")], "[t t i32] -> [t]", method="translateTypedSelect"),
    Op("try_table", 0x1F, [("blockType", "blocktype"), ("catches", "catches")], "[t1*] -> [t2*]"),
    # Variable (5.4.3).
    Op("local.get", 0x20, [("local", "index")], "[] -> [t]"),
    Op("local.set", 0x21, [("local", "index")], "[t] -> []"),
    Op("local.tee", 0x22, [("local", "index")], "[t] -> [t]"),
    Op("global.get", 0x23, [("global", "index")], "[] -> [t]", ops=["global_get_v128"], constant=True),
    Op("global.set", 0x24, [("global", "index")], "[t] -> []", ops=["global_set_v128"]),
    # Table (5.4.4).
    Op("table.get", 0x25, [_TABLE], "[i32] -> [rt]", ops=["table_get"]),
    Op("table.set", 0x26, [_TABLE], "[i32 rt] -> []", ops=["table_set"]),
    # Memory (5.4.6).
    Group("load", (0x28, 0x35), "LoadOp", LOADS, [("memArg", "memarg")]),
    Group("store", (0x36, 0x3E), "StoreOp", STORES, [("memArg", "memarg")]),
    Op("memory.size", 0x3F, [("memory", "index")], "[] -> [i32]", ops=["memory_size", "memory_size_any"]),
    Op("memory.grow", 0x40, [("memory", "index")], "[i32] -> [i32]", ops=["memory_grow"]),
    # Numeric (5.4.7).
    Op("i32.const", 0x41, [("value", "i32")], "[] -> [i32]", constant=True),
    Op("i64.const", 0x42, [("value", "i64")], "[] -> [i64]", constant=True),
    Op("f32.const", 0x43, [("bits", "f32")], "[] -> [f32]", constant=True),
    Op("f64.const", 0x44, [("bits", "f64")], "[] -> [f64]", constant=True),
    # Extended constant expressions (3.0) allow integer addition, subtraction and multiplication.
    Group("numeric", (0x45, 0xC4), "NumericOp", NUMERIC,
          constant=[f"{t}.{op}" for t in (I32, I64) for op in ("add", "sub", "mul")]),
    # Reference (5.4.5).
    Op("ref.null", 0xD0, [("type", "heaptype")], "[] -> [ref]", constant=True),
    Op("ref.is_null", 0xD1, type="[ref] -> [i32]", ops=["ref_is_null"]),
    Op("ref.func", 0xD2, [_FUNCTION], "[] -> [ref]", ops=["ref_func"], constant=True),
    Op("ref.as_non_null", 0xD4, type="[ref] -> [ref]", ops=["ref_as_non_null"]),
    Op("br_on_null", 0xD5, [_LABEL], "[t* ref] -> [t* ref]"),
    Op("br_on_non_null", 0xD6, [_LABEL], "[t* ref] -> [t*]"),
    # 0xFC: saturating conversions, bulk memory and tables.
    Group("saturating", ((0xFC, 0), (0xFC, 7)), "SaturatingOp", SATURATING),
    Op("memory.init", (0xFC, 8), [("data", "index"), ("memory", "index")], "[i32 i32 i32] -> []", ops=["memory_init"]),
    Op("data.drop", (0xFC, 9), [("data", "index")], ops=["data_drop"]),
    Op("memory.copy", (0xFC, 10), [("destinationMemory", "index"), ("sourceMemory", "index")], "[i32 i32 i32] -> []",
       ops=["memory_copy", "memory_copy_any"]),
    Op("memory.fill", (0xFC, 11), [("memory", "index")], "[i32 i32 i32] -> []", ops=["memory_fill", "memory_fill_any"]),
    Op("table.init", (0xFC, 12), [("element", "index"), _TABLE], "[i32 i32 i32] -> []", ops=["table_init"]),
    Op("elem.drop", (0xFC, 13), [("element", "index")], ops=["elem_drop"]),
    Op("table.copy", (0xFC, 14), [("destination", "index"), ("source", "index")], "[i32 i32 i32] -> []",
       ops=["table_copy"]),
    Op("table.grow", (0xFC, 15), [_TABLE], "[rt i32] -> [i32]", ops=["table_grow"]),
    Op("table.size", (0xFC, 16), [_TABLE], "[] -> [i32]", ops=["table_size"]),
    Op("table.fill", (0xFC, 17), [_TABLE], "[i32 rt i32] -> []", ops=["table_fill"]),
    # 0xFD: SIMD, each with the immediate its row names.
    Group("simd", ((0xFD, SIMD[0][1]), (0xFD, SIMD[-1][1])), "SIMDOp", SIMD, [("immediate", "simd")],
          constant=["v128.const"]),
]

# Operations the translator emits on its own (not one per WebAssembly instruction) whose bodies
# are simple enough to take part in superinstructions: name -> (operand layout, C statements,
# words when the operation falls through, None when it dispatches itself).
BASIC = {
    "copy": ("[dst|src]", ["PUT(uint64_t, OPERAND_LO(pc[1]), SLOT(uint64_t, OPERAND_HI(pc[1])));"], 2),
    "copy2": ("[dst1|src1] [dst2|src2], two copies in order", [
        "PUT(uint64_t, OPERAND_LO(pc[1]), SLOT(uint64_t, OPERAND_HI(pc[1])));",
        "PUT(uint64_t, OPERAND_LO(pc[2]), SLOT(uint64_t, OPERAND_HI(pc[2])));"], 3),
    "const": ("[dst] [value]", ["PUT(uint64_t, OPERAND_LO(pc[1]), pc[2]);"], 3),
    "const2": ("[dst1|dst2] [value1] [value2], two constants", [
        "PUT(uint64_t, OPERAND_LO(pc[1]), pc[2]);",
        "PUT(uint64_t, OPERAND_HI(pc[1]), pc[3]);"], 4),
    "select": ("[dst|cond] [a|b]", [
        "uint32_t cond = SLOT(uint32_t, OPERAND_HI(pc[1]));",
        "PUT(uint64_t, OPERAND_LO(pc[1]), cond ? SLOT(uint64_t, OPERAND_LO(pc[2])) : SLOT(uint64_t, OPERAND_HI(pc[2])));"], 3),
    "global_get": ("[dst|global index]", [
        "PUT(uint64_t, OPERAND_LO(pc[1]), ctx->instance->globals[OPERAND_HI(pc[1])]->value);"], 2),
    "global_set": ("[src|global index]", [
        "ctx->instance->globals[OPERAND_HI(pc[1])]->value = SLOT(uint64_t, OPERAND_LO(pc[1]));"], 2),
    "br": ("[offset in words, from this instruction]", ["pc += (int64_t)pc[1];", "DISPATCH();"], None),
    # Each entry holds its target's code word as well as its distance, so the jump to a
    # data-dependent target waits for one load after the index, not two.
    "br_table": ("[index|count] [target 0's code word] [offset 0] ... [default's code word] [default offset]", [
        "uint32_t index = SLOT(uint32_t, OPERAND_LO(pc[1]));", "uint32_t count = OPERAND_HI(pc[1]);",
        "if (index > count) index = count;", "const uint64_t *entry = pc + 2 + 2 * (uint64_t)index;",
        "pc += (int64_t)entry[1];", "DISPATCH_TO(entry[0]);"], None),
    "return": ("[] — results are already in the first slots of the frame", [
        "pc = leaveFrame(ctx, &fp, &mem, &memSize);", "if (pc == NULL) return;", "DISPATCH();"], None),
    "call": ("[function index|argument base]", [
        "HFunc *function = ctx->instance->functions[OPERAND_LO(pc[1])];",
        "char *newFP = fp + OPERAND_HI(pc[1]);", "pc += 2;", "CALL(function, newFP);"], None),
    # At each function entry and loop header of an interruptible engine's code: charges the
    # fuel for the instructions that may run before the next check (the body of the function or
    # loop, inner loops apart), and stops the call when that is more than is left or an
    # interrupt (a deadline, the embedder) is pending. A store without limits has the most fuel
    # there is, so its code pays a subtraction, a load and a branch. A loop's back edges do the
    # same work in the branch (its `_checked` form) and skip this instruction, which then runs
    # only when the loop is entered from above — after the moves that start the loop's values,
    # which run in its handler (MOVES_INTO_BRANCHES).
    "check_limits": ("[instructions]", ["pc += 2;", "CHECK_SKIPPED_LIMITS();", "DISPATCH();"], None),
    # The forms of `br` and `call` in an interruptible engine's code (see `check_limits`): a
    # loop's back edge lands after the loop's check and does its work; a call does the
    # callee's entry check itself (`CALL_CHECKED`).
    "br_checked": ("[offset in words, from this instruction]", [
        "pc += (int64_t)pc[1];", "CHECK_SKIPPED_LIMITS();", "DISPATCH();"], None),
    "call_checked": ("[function index|argument base]", [
        "HFunc *function = ctx->instance->functions[OPERAND_LO(pc[1])];",
        "char *newFP = fp + OPERAND_HI(pc[1]);", "pc += 2;", "CALL_CHECKED(function, newFP);"], None),
    "br_if_nez": ("[cond|offset]", [
        "BRANCH(SLOT(uint32_t, OPERAND_LO(pc[1])) != 0, (int32_t)OPERAND_HI(pc[1]), 2);"], None),
    "br_if_eqz": ("[cond|offset]", [
        "BRANCH(SLOT(uint32_t, OPERAND_LO(pc[1])) == 0, (int32_t)OPERAND_HI(pc[1]), 2);"], None),
}

# Superinstructions: runs of two to four operations (by handler name) that execute as one
# handler when they follow each other directly. The later ones keep their own code words, so
# the run is simply the bodies without a dispatch between them: a branch into the middle
# still works and no operand layout changes. All but the last fall through, or are a
# conditional branch (not a loop's back edge), whose taken path leaves the run.
#
# Chosen by Utilities/superinstruction-statistics.sh over a corpus of programs others compiled
# (EEMBC CoreMark, CPython, Boolector, resvg) and the benchmark kernels: every run listed
# executes at least 0.45 % of the operations averaged over the corpus (each real program
# weighs one, the kernels together one), or at least 5 % of one program's. Runs that qualify
# but overlap a listed run in the same code (superinstructions form left to right, so one of
# the two would never form) or only lengthen a kernel's run by one operation are left out; a
# qualifying triple that overlaps a listed run so, always right after that run's first
# operation, lengthens that run instead.
SUPERINSTRUCTIONS = [
    # Spilling and reloading through the shadow stack, chasing pointers (unoptimised code,
    # data structures).
    ("i32_store", "i32_load"), ("i32_load", "i32_load"), ("i32_load", "i32_store"), ("i32_store", "i32_store"),
    ("i32_store", "i32_load", "i32_load"), ("i32_load", "i32_store", "i32_load"), ("i32_sub_imm", "i32_store"),
    ("i32_load", "br_if_nez"), ("i32_store", "br_if_nez"), ("copy2", "i32_load"), ("copy2", "i32_load", "i32_store"),
    # A list walked to its end or to a match (CoreMark's list reversal and search).
    ("copy2", "i32_load", "i32_store", "br_if_nez"), ("br_i32_eq", "i32_load", "br_if_nez"),
    # Counters and fields: load, adjust, store back.
    ("i32_load", "i32_add_imm"), ("i32_load", "i32_add_imm", "i32_store"), ("i32_add_imm", "i32_store"),
    # Walking arrays and counting loops.
    ("i32_add_imm", "i32_load"), ("i32_add_imm", "copy"), ("i32_add_imm", "i32_add_imm"),
    ("i32_add_imm", "br_i32_ne_imm"), ("i32_add_imm", "br_i32_ne"), ("i32_add", "br_i32_lt_u_imm"),
    ("i32_load", "br_i32_lt_s"), ("i32_load8_u", "br_if_eqz"), ("i32_add_imm", "i32_load8_u"),
    ("i32_add_imm", "i32_load8_u", "br_if_eqz"), ("i32_load", "i32_load8_u"), ("i32_add", "i32_load"),
    ("i32_shl_imm", "i32_add"), ("i32_load", "i32_shl_imm"), ("i32_shl_imm", "i32_load_indexed"),
    ("const", "i32_add_imm"), ("const", "i32_store8_plus"), ("i32_add_imm", "copy", "br_i32_gt_s"),
    # Copies of rotating locals (before a loop's branch: MOVES_INTO_BRANCHES).
    ("copy", "i32_add_imm"),
    # Masks and bit fields.
    ("i32_add_imm", "i32_and_imm"), ("i32_and_imm", "i32_shr_u_imm"), ("i32_shr_u_imm", "i32_and_imm"),
    ("i32_and_imm", "br_i32_eq_imm"),
    # Clamping and choosing a constant.
    ("const", "select"),
    # Integer arithmetic chains (hashes, checksums, digits).
    ("i32_add", "i32_add_imm"), ("i32_rotl_imm", "i32_xor"), ("i32_rotl_imm", "i32_rotl_imm", "i32_xor"),
    ("i32_xor", "i32_add"), ("i32_add", "i32_add"), ("i32_xor", "i32_mul_imm"),
    ("i32_load8_u_plus", "i32_xor", "i32_mul_imm"), ("i32_load16_s_plus", "i32_mul", "i32_add"),
    ("i32_mul", "i32_add"), ("i32_add", "i32_load16_s_plus"),
    ("i32_add", "i32_gt_u_imm", "i32_add_imm"), ("i32_gt_u_imm", "i32_add_imm"),
    # Floating-point kernels.
    ("f64_load_plus", "f64_load_plus", "f64_mul"), ("f64_load_plus", "f64_mul"), ("f64_mul", "f64_load_plus"),
    ("f64_add", "f64_add"),
    # The shadow stack pointer (a global) moved on function entry and exit by C, C++ and Go code:
    # chosen by the same rule on the statistics of the benchmark's programs (CPython running
    # pyperformance, Yosys, gofmt), once global.get and global.set had generated handlers.
    ("global_get", "i32_sub_imm", "global_set"), ("global_get", "i32_sub_imm", "i32_store"),
    ("i32_sub_imm", "global_set"), ("i32_add_imm", "global_set"),
    # An argument loaded from memory right before the call (CPython), the same way.
    ("i32_load", "call"),
]

# Moves into branches: a copy or a constant right before a branch, a `call`, a `return` or a
# loop's limit check — the values a block's exit or a loop's back edge carries, a state
# machine's next state, a call's last argument, a function's result, a loop's starting values —
# runs in that handler. A superinstruction of each move with each of them (but `br_table`; the
# checked forms in an interruptible engine's code too), rather than the pairs the statistics
# single out: all compiled code moves values before it transfers control.
MOVES_INTO_BRANCHES = ("copy", "const")

# Superinstructions whose operations hand values to each other in registers ("linked"), for the
# hottest runs: run -> (links, unwritten). A link (k, field, j): operation k of the run reads
# `field` ("1lo", "1hi", "2lo", "2hi": a half of its code word 1 or 2) from operation j's result
# without looking at the slot. `unwritten`: operations whose result is not stored at all; each
# must be linked into the next operation. The translator uses the linked form only where the
# code shows every link is real and every unwritten result is read by nothing else; otherwise
# the plain superinstruction (which compares slots at run time) stays.
LINKED_SUPERINSTRUCTIONS = {
    # A loop's step and test (the sieve's: locals, so written).
    ("i32_add", "br_i32_lt_u_imm"): ([(1, "1lo", 0)], []),
    # Multiply-accumulate (CoreMark's matrix), f64 dot products, SHA-256's sigma, FNV-1a.
    ("i32_load16_s_plus", "i32_mul", "i32_add"): ([(1, "1hi", 0), (2, "2lo", 1)], [0, 1]),
    ("f64_load_plus", "f64_load_plus", "f64_mul"): ([(2, "1hi", 0), (2, "2lo", 1)], [1]),
    ("i32_rotl_imm", "i32_rotl_imm", "i32_xor"): ([(2, "1hi", 0), (2, "2lo", 1)], [1]),
    ("i32_load8_u_plus", "i32_xor", "i32_mul_imm"): ([(1, "2lo", 0), (2, "1hi", 1)], [0]),
}
