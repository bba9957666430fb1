#!/usr/bin/env bash
# Rebuilds every Rust example offline with Debian's toolchain and crates:
#   apt-get install rustc cargo libstd-rust-dev-wasm32 lld-14 librust-wasm-bindgen-dev
# Each example's raw module (what cargo writes; no wasm-bindgen CLI) is copied next to it.
set -euo pipefail
cd "$(dirname "$0")"
# Path dependencies (guest-abi/rust) are compiled with absolute paths, which panic locations
# keep: name the checkout "/hearth" instead. (Their symbol hashes still depend on where the
# checkout is, so `arena` alone is rebuilt with other bytes elsewhere; it behaves the same.)
root=$(cd ../.. && pwd)
export RUSTFLAGS="--remap-path-prefix=$root=/hearth"
for example in */; do
  example=${example%/}
  (cd "$example" && RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --offline --target wasm32-unknown-unknown --quiet \
     && cp "target/wasm32-unknown-unknown/release/$example.wasm" "$example.wasm" && rm -rf target Cargo.lock)
  echo "built $example/$example.wasm"
done
