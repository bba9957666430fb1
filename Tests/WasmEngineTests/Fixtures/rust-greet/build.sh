#!/usr/bin/env bash
# Rebuilds greet.wasm with Debian's Rust toolchain and crates, offline:
#   apt-get install rustc cargo libstd-rust-dev-wasm32 lld-14 librust-wasm-bindgen-dev
set -euo pipefail
cd "$(dirname "$0")"
RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --offline --target wasm32-unknown-unknown
cp target/wasm32-unknown-unknown/release/greet.wasm greet.wasm
rm -rf target Cargo.lock
