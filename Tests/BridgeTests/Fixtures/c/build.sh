#!/usr/bin/env bash
# Rebuilds hostile_c.wasm from hostile_c.c and hostile_c_malloc.c with the Swift toolchain's clang.
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -I ../../../../guest-abi/c \
    -Wl,--no-entry -Wl,--strip-debug -o hostile_c.wasm hostile_c.c hostile_c_malloc.c
