#!/usr/bin/env bash
# Rebuilds zig/hostile.wasm with Zig 0.17.1 from PyPI (python3 -m pip install ziglang==0.17.1)
# and the guest library in guest-abi/zig.
set -euo pipefail
cd "$(dirname "$0")/zig"
python3 -m ziglang build-exe -target wasm32-freestanding -O ReleaseSmall --dep hearth -Mroot=hostile.zig \
  -target wasm32-freestanding -O ReleaseSmall -Mhearth=../../../../guest-abi/zig/src/hearth.zig \
  -fno-entry -rdynamic --max-memory=1179648 -femit-bin=hostile.wasm
rm -f hostile.wasm.o
