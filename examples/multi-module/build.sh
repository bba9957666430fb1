#!/usr/bin/env bash
# Rebuilds the multi-module plugin from source and writes each module's sha256 into plugin.json:
#   orchestrator.wasm  C with guest-abi/c/hearth_abi.h (the Swift toolchain's clang), freestanding
#   crypto.wasm        C, freestanding, plain exports (clang)
#   math.wasm          Zig 0.17.1 (PyPI ziglang, installed here if missing), plain exports
#   image.wasm         Zig, plain exports
# Zig modules get a 64 KiB stack (Zig's default is 1 MiB), like clang's default: every module
# then starts at one or two pages of the plugin's memory budget.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -m ziglang version >/dev/null 2>&1; then
  python3 -m pip install --quiet ziglang==0.17.1
fi
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -Werror -I ../../guest-abi/c \
    -Wl,--no-entry -Wl,--strip-debug -o orchestrator.wasm orchestrator.c
clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--strip-debug -o crypto.wasm crypto.c
for module in math image; do
  python3 -m ziglang build-exe "$module.zig" -target wasm32-freestanding -O ReleaseSmall -fno-entry -rdynamic \
      --stack 65536 -femit-bin="$module.wasm"
  rm -f "$module.wasm.o"
done
# The manifest pins every module by its hash: rewrite the hashes of what was just built.
python3 - <<'PYTHON'
import hashlib, json
with open("plugin.json") as f:
    manifest = json.load(f)
for name, module in manifest["modules"].items():
    with open(module["wasm"], "rb") as f:
        module["sha256"] = hashlib.sha256(f.read()).hexdigest()
with open("plugin.json", "w") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")
PYTHON
wc -c orchestrator.wasm crypto.wasm math.wasm image.wasm | sed "s/^/size: /"
