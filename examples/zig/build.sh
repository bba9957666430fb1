#!/usr/bin/env bash
# Rebuilds every Zig example with Zig 0.17.1 from PyPI (installed here if missing):
#   python3 -m pip install ziglang==0.17.1
# Each library example (greet, calculator, ...) imports ../../../guest-abi/zig as the module
# `hearth` and is built for wasm32-freestanding; wasi_read is a WASI command.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -m ziglang version >/dev/null 2>&1; then
  python3 -m pip install --quiet ziglang==0.17.1
fi
zig() { python3 -m ziglang "$@"; }
hearth=../../../guest-abi/zig/src/hearth.zig
# greet shows the `zig build` route (greet/build.zig depends on the package by path); the
# others the single `zig build-exe` command. Both give the same bytes.
(cd greet && zig build --cache-dir /tmp/hearth-zig-cache --prefix /tmp/hearth-zig-out && cp /tmp/hearth-zig-out/bin/greet.wasm greet.wasm)
echo "built greet/greet.wasm (zig build)"
for example in calculator process_json result bytes; do
  (cd "$example" && zig build-exe -target wasm32-freestanding -O ReleaseSmall --dep hearth -Mroot="$example.zig" \
     -target wasm32-freestanding -O ReleaseSmall -Mhearth="$hearth" \
     -fno-entry -rdynamic -femit-bin="$example.wasm" && rm -f "$example.wasm.o")
  echo "built $example/$example.wasm"
done
(cd wasi_read && zig build-exe wasi_read.zig -target wasm32-wasi -O ReleaseSmall -femit-bin=wasi_read.wasm && rm -f wasi_read.wasm.o)
echo "built wasi_read/wasi_read.wasm"
wc -c */*.wasm | sed "s/^/size: /"
