#!/usr/bin/env bash
# Rebuilds the C examples:
#   math.wasm                plain exports, no bindings (the Swift toolchain's clang)
#   greet, calculator,       guests with bindings through guest-abi/c/hearth_abi.h, freestanding
#   result, process_json     (clang --target=wasm32, no libc)
#   wasi_read                a WASI command with wasi-libc (zig cc; `python3 -m pip install ziglang`)
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o math.wasm math.c
for example in greet calculator result process_json; do
    clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -Werror -I ../../guest-abi/c \
        -Wl,--no-entry -Wl,--strip-debug -o "$example/$example.wasm" "$example/$example.c"
done
python3 -m ziglang cc -target wasm32-wasi -O2 -s -o wasi_read/wasi_read.wasm wasi_read/wasi_read.c
