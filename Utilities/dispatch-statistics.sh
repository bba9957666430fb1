#!/usr/bin/env bash
# How many dispatches (handler runs, a superinstruction counting once) each benchmark program
# takes: builds Hearth with instruction statistics (statistics.h; superinstructions on), runs
# the real programs of `HearthBenchmarks --only wasi` and `--only programs` and the kernels on
# the benchmarks' inputs, and prints each one's count. Dispatches are what the speed work
# of issue 18 reduces; unlike times, the counts do not move with the machine's load.
#
#   Utilities/dispatch-statistics.sh [OUT]   # OUT: keep each program's full statistics there
#
# The programs are those Benchmarks/programs.sh downloads and builds into the cache; run it
# once first (a missing program is skipped). Takes a few minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
cache=${HEARTH_CACHE:-$HOME/.cache/hearth}
modules=$cache/wasi-programs/modules benchmarks=$cache/benchmarks inputs=$PWD/Benchmarks/Workloads/programs
out=${1:-$(mktemp -d)}
mkdir -p "$out"
source Utilities/statistics-common.sh
build_statistics .build-statistics-fused || exit 1
hearth=$PWD/.build-statistics-fused/release/hearth
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# name, then the `hearth` command line (its standard error is the statistics)
count() {
    local name=$1; shift
    "$@" >/dev/null 2>"$out/$name.txt" </dev/null
    local executed
    executed=$(awk '/^executed/ {print $2}' "$out/$name.txt")
    printf '%-22s %s\n' "$name" "${executed:-skipped (missing program?)}"
}
python() {  # pyperformance's module with a stand-in for pyperf, as ProgramsBenchmark runs it
    local pre="import sys, types, time; sys.modules['pyperf'] = types.SimpleNamespace(perf_counter=time.perf_counter); import runpy; "
    "$hearth" run "$modules/python.wasm" --env PYTHONHASHSEED=0 --dir "$benchmarks/python::/bench" -- -c "$pre$1"
}
count coremark "$hearth" run Benchmarks/Workloads/eembc-coremark/coremark.wasm "${coremark_arguments[@]}"
count cpython-nbody python "ns = runpy.run_path('/bench/bm_nbody.py'); ns['bench_nbody'](1, 'sun', 200)"
count cpython-float python "ns = runpy.run_path('/bench/bm_float.py'); ns['benchmark'](1000)"
count boolector "$hearth" run "$modules/boolector.wasm" --dir "$inputs::/bench" -- -rwl 0 /bench/assoc5.smt2
count resvg "$hearth" run "$modules/resvg.wasm" --dir "$inputs::/bench" -- -w 600 /bench/scene.svg -c
count yosys "$hearth" run "$modules/yosys.wasm" --dir "$inputs::/bench" --dir "$cache/wasi-programs/data/yosys::/share" \
    --dir "$scratch::/tmp" -- -Q -T -q -p "read_verilog /bench/alu.v; synth -top alu; tee -q -o /tmp/stat.txt stat"
count gofmt "$hearth" run "$benchmarks/go/gofmt.wasm" --dir "$benchmarks/go::/go" -- /go/parser.go
for kernel in "${statistics_kernels[@]}"; do
    set -- $kernel
    count "kernel-$1" "$hearth" call "Benchmarks/Workloads/$1.wasm" run "$2"
done
echo "statistics of each (top operations, pairs, triples): $out" >&2
