"""Random modules made of the code superinstructions form from (differential.py --source runs).

`wasm-tools smith` rarely writes the sequences that superinstructions replace — a load into a
local, then a store through the same local; a compare and branch falling through into a load —
and never with a few locals named over and over, where a run's operations read and write the
same slots. These modules are made of nothing else: each function has three pointer locals
(set to addresses in the first KiB, or to words loaded from there, which start as such
addresses, so pointers can be chased) and three value locals, starts them from its
parameters, runs a bounded loop of random snippets (loads and stores through the pointers,
pointers chased, arithmetic with constants, copies, compares and branches that skip ahead or
leave, selects, the shadow stack pointer moved and used, f64 loads multiplied and summed,
calls, the linked superinstructions' shapes, addresses scaled and added or computed in 64
bits and wrapped, constants stored, i64 values through memory), and returns a mix of its
locals. Stores can write any value over a pointer in memory, so some calls trap, as they
should in both engines. Module S is `module(S)` on every machine.
"""
import random

POINTERS = ["$p0", "$p1", "$p2"]
VALUES = ["$v0", "$v1", "$v2"]
FUNCTIONS = 4
ITERATIONS = 12
MASK = 0x3FC  # a pointer's bits: a word in the first KiB


def module(seed):
    """The text of module `seed`."""
    r = random.Random(seed)
    words = [0 if r.random() < 0.05 else r.randrange(0, MASK + 1, 4) for _ in range(256)]
    data = "".join("\\%02x" % (word >> shift & 0xFF) for word in words for shift in (0, 8, 16, 24))
    parts = ['(module',
             '  (memory (export "memory") 1 1)',
             '  (global $sp (mut i32) (i32.const 8192))',
             '  (data (i32.const 0) "%s")' % data,
             '  (func $helper (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1)))']
    parts += [function(r, index) for index in range(FUNCTIONS)]
    parts.append(")")
    return "\n".join(parts)


def function(r, index):
    lines = ['  (func (export "f%d") (param $a0 i32) (param $a1 i32) (param $a2 i32) (result i32)' % index,
             "    %s (local $n i32) (local $d0 f64) (local $d1 f64) (local $x i64)" % " ".join(
                 "(local %s i32)" % name for name in POINTERS + VALUES)]
    for k, name in enumerate(POINTERS):
        lines.append("    (local.set %s (i32.and (local.get $a%d) (i32.const %d)))" % (name, k, MASK))
    for k, name in enumerate(VALUES):
        lines.append("    (local.set %s (i32.add (local.get $a%d) (i32.const %d)))" % (name, (k + 1) % 3, r.randrange(100)))
    lines.append("    (local.set $n (i32.const %d))" % r.randint(1, ITERATIONS))
    lines.append("    (block $exit")
    lines.append("      (loop $loop")
    depth = 0
    for _ in range(r.randint(4, 24)):
        if depth < 2 and r.random() < 0.12:
            lines.append("        " + "  " * depth + "(block $skip%d" % depth)
            depth += 1
        lines.append("        " + "  " * depth + snippet(r, depth))
        if depth and r.random() < 0.25:
            depth -= 1
            lines.append("        " + "  " * depth + ")")
    while depth:
        depth -= 1
        lines.append("        " + "  " * depth + ")")
    lines.append("        (br_if $loop (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))")
    # NaNs are made the same whatever their bits: an f64 compared with itself.
    mix = "(i32.wrap_i64 (i64.reinterpret_f64 (select (local.get $d%d) (f64.const 0) (f64.eq (local.get $d%d) (local.get $d%d)))))"
    terms = ["(local.get %s)" % name for name in POINTERS + VALUES] + [mix % (d, d, d) for d in (0, 1)]
    terms.append("(i32.wrap_i64 (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 32))))")
    result = "(global.get $sp)"
    for term in terms:
        result = "(i32.add (i32.rotl %s (i32.const 5)) %s)" % (result, term)
    lines.append("    %s)" % result)
    return "\n".join(lines)


def snippet(r, depth):
    p, q = r.choice(POINTERS), r.choice(POINTERS)
    v, w = r.choice(VALUES), r.choice(VALUES)
    any_local = r.choice(POINTERS + VALUES)
    offset = r.choice([0, 4, 8, 12])
    constant = r.choice([1, 4, -1, -8, 255, 0x7F, 3, 16, 31, 1000])
    label = "$skip%d" % (depth - 1) if depth and r.random() < 0.8 else "$exit"
    kind = r.randrange(33)
    if kind in (0, 1):  # a pointer chased
        return "(local.set %s (i32.load offset=%d (local.get %s)))" % (p, offset, q)
    if kind == 2:
        load = r.choice(["i32.load", "i32.load8_u", "i32.load16_u", "i32.load16_s", "i32.load8_s"])
        return "(local.set %s (%s offset=%d (local.get %s)))" % (v, load, offset, p)
    if kind == 3:
        store = r.choice(["i32.store", "i32.store", "i32.store8", "i32.store16"])
        return "(%s offset=%d (local.get %s) (local.get %s))" % (store, offset, p, any_local)
    if kind == 4:  # a pointer stepped
        return "(local.set %s (i32.and (i32.add (local.get %s) (i32.const %d)) (i32.const %d)))" % (
            p, q, r.choice([4, 8, -4]), MASK)
    if kind == 5:
        return "(local.set %s (i32.add (local.get %s) (i32.const %d)))" % (v, any_local, constant)
    if kind == 6:
        op = r.choice(["i32.and", "i32.shr_u", "i32.shl", "i32.xor", "i32.rotl", "i32.mul", "i32.shr_s", "i32.or"])
        return "(local.set %s (%s (local.get %s) (i32.const %d)))" % (v, op, any_local, constant)
    if kind == 7:
        op = r.choice(["i32.add", "i32.sub", "i32.mul", "i32.xor", "i32.and", "i32.gt_s", "i32.gt_u", "i32.eq"])
        return "(local.set %s (%s (local.get %s) (local.get %s)))" % (v, op, any_local, w)
    if kind == 8:
        return "(local.set %s (local.get %s))" % ((p, q) if r.random() < 0.5 else (v, any_local))
    if kind == 9:  # two copies (copy2), rotating pointers as a list reversal does
        return "(local.set %s (local.get %s)) (local.set %s (local.get %s))" % (p, q, q, r.choice(POINTERS))
    if kind in (10, 11):
        compare = r.choice(["i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.le_u", "i32.ge_s"])
        right = "(local.get %s)" % r.choice(POINTERS + VALUES) if r.random() < 0.6 else "(i32.const %d)" % constant
        return "(br_if %s (%s (local.get %s) %s))" % (label, compare, any_local, right)
    if kind == 12:
        test = "(local.get %s)" % any_local if r.random() < 0.5 else "(i32.eqz (local.get %s))" % any_local
        return "(br_if %s %s)" % (label, test)
    if kind == 13:
        return "(br_if %s (i32.eqz (i32.load8_u offset=%d (local.get %s))))" % (label, offset, p)
    if kind == 14:
        return "(local.set %s (select (local.get %s) (i32.const %d) (i32.gt_s (local.get %s) (local.get %s))))" % (
            v, any_local, constant, w, v)
    if kind == 15:
        return ("(global.set $sp (i32.%s (global.get $sp) (i32.const 16))) "
                "(i32.store offset=4 (global.get $sp) (local.get %s))" % (r.choice(["sub", "add"]), any_local))
    if kind == 16:
        return "(local.set $d%d (f64.mul (f64.load offset=%d (local.get %s)) (f64.load offset=%d (local.get %s))))" % (
            r.randrange(2), offset, p, r.choice([0, 8]), q)
    if kind == 17:
        return "(local.set $d%d (f64.add (local.get $d0) (local.get $d1)))" % r.randrange(2)
    if kind == 18:
        return "(local.set %s (call $helper (i32.load offset=%d (local.get %s))))" % (v, offset, p)
    # The shapes of the linked superinstructions: multiply-accumulate, FNV-1a, a rotation mix,
    # a loop's step and test.
    if kind == 19:
        return "(local.set %s (i32.add (local.get %s) (i32.mul (i32.load16_s (i32.add (local.get %s) (i32.const %d))) (local.get %s))))" % (
            v, r.choice(VALUES), p, offset, w)
    if kind == 20:
        return "(local.set %s (i32.mul (i32.xor (local.get %s) (i32.load8_u (i32.add (local.get %s) (i32.const %d)))) (i32.const 16777619)))" % (
            v, r.choice(VALUES), p, offset)
    if kind == 21:
        return "(local.set %s (i32.xor (i32.rotl (local.get %s) (i32.const 7)) (i32.rotl (local.get %s) (i32.const 13))))" % (
            v, any_local, w)
    if kind == 22:
        return "(br_if %s (i32.lt_u (local.tee %s (i32.add (local.get %s) (local.get %s))) (i32.const %d)))" % (
            label, v, w, any_local, abs(constant))
    if kind in (23, 24):  # the same operations through locals: the links may hold or not
        a, b, c, d, e, f = (r.choice(VALUES) for _ in range(6))
        if kind == 23:
            return ("(local.set %s (i32.load16_s (i32.add (local.get %s) (i32.const %d)))) "
                    "(local.set %s (i32.mul (local.get %s) (local.get %s))) "
                    "(local.set %s (i32.add (local.get %s) (local.get %s)))" % (a, p, offset, b, c, d, e, f, a))
        return ("(local.set %s (i32.load8_u (i32.add (local.get %s) (i32.const %d)))) "
                "(local.set %s (i32.xor (local.get %s) (local.get %s))) "
                "(local.set %s (i32.mul (local.get %s) (i32.const 16777619)))" % (a, p, offset, b, c, d, e, f))
    # Addresses as compilers compute them: an index scaled and added (the `_indexed` forms), a
    # constant added (`_plus`), Go's 64-bit arithmetic wrapped back (wrap folding); constants
    # stored (store immediates); 64-bit values through memory.
    if kind == 25:
        return "(local.set %s (i32.load (i32.add (local.get %s) (i32.shl (i32.and (local.get %s) (i32.const 15)) (i32.const 2)))))" % (
            r.choice(POINTERS + VALUES), p, any_local)
    if kind == 26:
        return "(i32.store (i32.add (local.get %s) (i32.shl (i32.and (local.get %s) (i32.const 15)) (i32.const 2))) (local.get %s))" % (
            p, any_local, any_local)
    if kind == 27:
        return "(local.set %s (i32.load (i32.wrap_i64 (i64.add (i64.extend_i32_u (local.get %s)) (i64.const %d)))))" % (
            v, p, offset)
    if kind == 28:
        store = r.choice(["i32.store", "i32.store8", "i32.store16", "i64.store", "i64.store32"])
        value = "(i%s.const %d)" % ("64" if store.startswith("i64") else "32", constant)
        return "(%s offset=%d (local.get %s) %s)" % (store, offset, p, value)
    if kind == 29:
        load = r.choice(["i64.load", "i64.load32_u", "i64.load16_s", "i64.load8_u"])
        return "(local.set $x (i64.add (local.get $x) (%s offset=%d (local.get %s))))" % (load, offset, p)
    if kind == 30:
        op = r.choice(["i64.mul", "i64.xor", "i64.rotl", "i64.shr_u", "i64.sub", "i64.and"])
        return "(local.set $x (%s (local.get $x) (i64.extend_i32_%s (local.get %s))))" % (op, r.choice("su"), any_local)
    if kind == 31:
        return "(br_if %s (i64.eqz (local.get $x)))" % label
    # A counter in memory: loaded, stepped, stored back.
    return "(i32.store offset=%d (local.get %s) (i32.add (i32.load offset=%d (local.get %s)) (i32.const %d)))" % (
        offset, p, offset, p, constant)
