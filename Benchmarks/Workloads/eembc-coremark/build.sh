#!/usr/bin/env bash
# Rebuilds coremark.wasm from a checkout of EEMBC's CoreMark (https://github.com/eembc/coremark,
# commit d5fad6b), unchanged, with its POSIX port, for wasm32-wasi:
#   Benchmarks/Workloads/eembc-coremark/build.sh /path/to/coremark
# The compiler is PyPI's ziglang 0.17.1 (`python3 -m pip install ziglang==0.17.1`).
set -euo pipefail
source=${1:?usage: build.sh PATH-TO-COREMARK-CHECKOUT}
here=$(cd "$(dirname "$0")" && pwd)
cd "$source"
python3 -m ziglang cc --target=wasm32-wasi -O2 -s -Iposix -I. \
    -DFLAGS_STR='"-O2 zig cc wasm32-wasi"' -DMEM_METHOD=MEM_STATIC -DPERFORMANCE_RUN=1 \
    core_list_join.c core_main.c core_matrix.c core_state.c core_util.c posix/core_portme.c \
    -o "$here/coremark.wasm"
cp LICENSE.md "$here/LICENSE.md"
