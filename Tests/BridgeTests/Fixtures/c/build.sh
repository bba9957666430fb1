#!/usr/bin/env bash
# Rebuilds the C fixtures with the Swift toolchain's clang: hostile_c.wasm (from hostile_c.c and
# hostile_c_malloc.c), kinds.wasm and bad_describe.wasm.
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -I ../../../../guest-abi/c \
    -Wl,--no-entry -Wl,--strip-debug -o hostile_c.wasm hostile_c.c hostile_c_malloc.c
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -Werror -I ../../../../guest-abi/c \
    -Wl,--no-entry -Wl,--strip-debug -o kinds.wasm kinds.c
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -Werror -I ../../../../guest-abi/c \
    -Wl,--no-entry -Wl,--strip-debug -o bad_describe.wasm bad_describe.c
