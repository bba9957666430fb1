#!/usr/bin/env bash
# Rebuilds the workload modules with the clang that ships with the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")"
for source in *.c; do
  flags=""
  [ "$source" = simd.c ] && flags="-msimd128"   # the SIMD workload; the others stay scalar
  clang --target=wasm32 -O2 $flags -nostdlib -Wl,--no-entry -Wl,-z,stack-size=1048576 -o "${source%.c}.wasm" "$source"
done
