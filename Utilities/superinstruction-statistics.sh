#!/usr/bin/env bash
# How SUPERINSTRUCTIONS (Utilities/instructions.py) are chosen: builds Hearth with instruction
# statistics and no superinstructions (statistics.h), runs a corpus of programs others compiled
# and the benchmark kernels, and prints every pair and triple of operations with its share of
# the executed operations (superinstruction_statistics.py).
#
#   Utilities/superinstruction-statistics.sh [pairs|triples] [ROWS]
#
# The real programs (CPython, Boolector, resvg) are the modules Tests/wasi-programs/run.sh
# downloads into ~/.cache/hearth/wasi-programs; run it once first. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-pairs} rows=${2:-60}
modules=${HEARTH_CACHE:-$HOME/.cache/hearth}/wasi-programs/modules
for id in python boolector resvg; do
    [ -f "$modules/$id.wasm" ] || { echo "missing $modules/$id.wasm: run Tests/wasi-programs/run.sh first" >&2; exit 1; }
done
source Utilities/statistics-common.sh
build_statistics .build-statistics -DHEARTH_NO_SUPERINSTRUCTIONS
hearth=$PWD/.build-statistics/release/hearth
workloads=$PWD/Benchmarks/Workloads
out=$(mktemp -d) work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT
set +e  # a program's exit status does not matter here (CoreMark's short run reports an error)

"$hearth" run "$workloads/eembc-coremark/coremark.wasm" "${coremark_arguments[@]}" >/dev/null 2>"$out/coremark.txt"
# A pure-Python workload: recursion, a dictionary of strings, a sort with a key.
"$hearth" run "$modules/python.wasm" -c '
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
d = {str(i): i * 3 % 7 for i in range(60000)}
s = sorted(d.items(), key=lambda p: (p[1], p[0]))
print(fib(22), len(s), s[0], sum(d.values()))' >/dev/null 2>"$out/python.txt"
"$hearth" run "$modules/boolector.wasm" < Tests/wasi-programs/checks/boolector-factor-sat/stdin >/dev/null 2>"$out/boolector.txt"
# 400 circles with gradients and 100 stroked paths, rendered at 400x400.
python3 - "$work/scene.svg" <<'PY'
import random, sys
r = random.Random(3)
parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><defs>'
         '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f80"/>'
         '<stop offset="1" stop-color="#08f" stop-opacity="0.5"/></linearGradient><radialGradient id="r">'
         '<stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000" stop-opacity="0.2"/>'
         '</radialGradient></defs>']
for i in range(400):
    fill = ["url(#g)", "url(#r)", f"#{r.randrange(4096):03x}"][i % 3]
    parts.append(f'<circle cx="{r.uniform(0, 400):.1f}" cy="{r.uniform(0, 400):.1f}" r="{r.uniform(5, 60):.1f}" '
                 f'fill="{fill}" stroke="#222" stroke-width="1.5" opacity="0.8"/>')
for _ in range(100):
    points = " ".join(f"{r.uniform(0, 400):.1f},{r.uniform(0, 400):.1f}" for _ in range(6))
    parts.append(f'<path d="M{points}Z" fill="none" stroke="#{r.randrange(4096):03x}" stroke-width="3"/>')
open(sys.argv[1], "w").write("\n".join(parts + ["</svg>"]))
PY
"$hearth" run "$modules/resvg.wasm" --dir "$work::/work" -- /work/scene.svg /work/scene.png >/dev/null 2>"$out/resvg.txt"
for kernel in "${statistics_kernels[@]}"; do
    set -- $kernel
    "$hearth" call "$workloads/$1.wasm" run "$2" >/dev/null 2>"$out/kernel-$1.txt"
done
set -e
python3 Utilities/superinstruction_statistics.py "$out" "$kind" "$rows"
