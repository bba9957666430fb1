#!/usr/bin/env bash
# Rebuilds math.wasm from math.c with the clang that ships with the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o math.wasm math.c
