#!/usr/bin/env bash
# Rebuilds the Rust examples (examples/rust) against newer wasm-bindgen versions, as raw modules
# (cargo's output, no wasm-bindgen CLI), into wasm-bindgen-<version>/ next to this script.
# Run by hand (CI cannot fetch the sources); the built modules are committed as test fixtures.
# CI keeps rebuilding only the 0.2.83 examples (examples/rust/build.sh, Debian's crates).
#
#   MIRRORS=<dir> Tests/BridgeTests/Fixtures/build-wasm-bindgen.sh 0.2.92 0.2.100 0.2.105 0.2.127
#
# The fixtures must describe the same bindings as examples/rust (a test compares them): after
# changing an example, rerun this.
#
# Toolchains (Debian bookworm; the recipe of ../shared/reference/wasm-bindgen-versions):
# - wasm-bindgen <= 0.2.105: Debian's rustc/cargo 1.63 with libstd-rust-dev-wasm32, lld-14.
# - wasm-bindgen >= 0.2.106 (MSRV 1.71+): Debian's rustc-web/cargo-web 1.96.0+dfsg1-1~deb12u2,
#   unpacked with `dpkg -x` into /tmp/rust-web-1.96 together with libstd-rust-web-1.96,
#   libstd-rust-web-dev and rust-web-src (NEVER `apt-get install rustc-web`: it removes
#   rustc 1.63). No wasm32 std is packaged, so std is built from rust-web-src with
#   `RUSTC_BOOTSTRAP=1 cargo -Zbuild-std=std,panic_abort`; linker rust-lld -> /usr/bin/lld-22.
#   Needs lld-22, libllvm22, libgit2-1.5, libcurl4, libssh2-1, libsqlite3-0 installed.
#
# Sources: wasm-bindgen at the version's git tag, and syn 2.0.106, proc-macro2 1.0.103,
# quote 1.0.41, unicode-ident 1.0.22, rustversion 1.0.22 (the newest that allow Rust 1.63)
# from bare git mirrors, MIRRORS/<owner>+<name>/repo (wasm-bindgen/wasm-bindgen,
# dtolnay/{syn,proc-macro2,quote,unicode-ident,rustversion}), extracted to /tmp/wbsrc and used
# through [patch.crates-io]; every other crate (serde, serde_json, cfg-if, once_cell, bumpalo,
# log) comes from Debian's /usr/share/cargo/registry. Nothing third-party enters the repository.
set -euo pipefail
: "${MIRRORS:?is required: the directory of bare git mirrors laid out as <owner>+<name>/repo}"
[ $# -gt 0 ] || { echo "usage: MIRRORS=<dir> $0 <wasm-bindgen version>..." >&2; exit 2; }
cd "$(dirname "$0")/../../../examples/rust"
root=$(cd ../.. && pwd)
SRC=/tmp/wbsrc
RW=/tmp/rust-web-1.96
examples="greet calculator scalars result bytes process_json handle host_import jsvalue arena"

extract() { # extract <bare git dir> <tag> <dest under $SRC>
  [ -e "$SRC/$3/Cargo.toml" ] && return 0
  mkdir -p "$SRC/$3" && git --git-dir="$1" archive "$2" | tar -x -C "$SRC/$3"
}
extract "$MIRRORS/dtolnay+syn/repo" 2.0.106 syn-2.0.106
extract "$MIRRORS/dtolnay+proc-macro2/repo" 1.0.103 proc-macro2-1.0.103
extract "$MIRRORS/dtolnay+quote/repo" 1.0.41 quote-1.0.41
extract "$MIRRORS/dtolnay+unicode-ident/repo" 1.0.22 unicode-ident-1.0.22
extract "$MIRRORS/dtolnay+rustversion/repo" 1.0.22 rustversion-1.0.22

for version in "$@"; do
  extract "$MIRRORS/wasm-bindgen+wasm-bindgen/repo" "$version" "wb-$version"
  wb="$SRC/wb-$version"
  minor=${version##*.}
  out="$root/Tests/BridgeTests/Fixtures/wasm-bindgen-$version"
  work="/tmp/hearth-wbg-build/$version"
  export CARGO_TARGET_DIR="/tmp/hearth-wbg-target/$version"
  rm -rf "$work" && mkdir -p "$work" "$out"
  patch="[patch.crates-io]
wasm-bindgen = { path = \"$wb\" }
wasm-bindgen-macro = { path = \"$wb/crates/macro\" }
wasm-bindgen-macro-support = { path = \"$wb/crates/macro-support\" }
wasm-bindgen-shared = { path = \"$wb/crates/shared\" }
syn = { path = \"$SRC/syn-2.0.106\" }
proc-macro2 = { path = \"$SRC/proc-macro2-1.0.103\" }
quote = { path = \"$SRC/quote-1.0.41\" }
unicode-ident = { path = \"$SRC/unicode-ident-1.0.22\" }
rustversion = { path = \"$SRC/rustversion-1.0.22\" }"
  [ -d "$wb/crates/backend" ] && patch="$patch
wasm-bindgen-backend = { path = \"$wb/crates/backend\" }"
  if [ "$minor" -le 105 ]; then
    toolchain="Debian rustc 1.63"
    registry=/usr/share/cargo/registry
    cargo=(env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo build)
  else
    toolchain="Debian rustc-web 1.96 (-Zbuild-std)"
    [ -x "$RW/usr/bin/rustc" ] || { echo "unpack rustc-web 1.96 into $RW first (see the header)" >&2; exit 1; }
    mkdir -p "$RW/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin"
    ln -sf /usr/bin/lld-22 "$RW/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
    # one directory source: Debian's registry plus std's dependencies from rust-web-src
    registry=/tmp/hearth-wbg-vendor-196
    if [ ! -d "$registry" ]; then
      mkdir -p "$registry"
      for d in /usr/share/cargo/registry/*/ "$RW"/usr/lib/rustlib/src/rust/library/vendor/*/; do
        n=$(basename "$d"); [ -e "$registry/$n" ] || ln -s "${d%/}" "$registry/$n"
      done
    fi
    cargo=(env LD_LIBRARY_PATH="$RW/usr/lib/x86_64-linux-gnu" PATH="$RW/usr/bin:$PATH" RUSTC="$RW/usr/bin/rustc"
           RUSTDOC="$RW/usr/bin/rustdoc" RUSTC_BOOTSTRAP=1 "$RW/usr/bin/cargo" build -Zbuild-std=std,panic_abort)
  fi
  for example in $examples; do
    dir="$work/$example"
    cp -r "$example" "$dir" && rm -f "$dir"/*.wasm
    # pin the version, point path dependencies at the checkout, patch in the git sources
    sed -i -e "s/^wasm-bindgen = \"0.2\"/wasm-bindgen = \"=$version\"/" \
           -e "s/^wasm-bindgen = { version = \"0.2\"/wasm-bindgen = { version = \"=$version\"/" \
           -e "s#path = \"../../../#path = \"$root/#" "$dir/Cargo.toml"
    grep -q "\"=$version\"" "$dir/Cargo.toml" || { echo "$example: could not pin wasm-bindgen" >&2; exit 1; }
    printf '\n[workspace]\n\n%s\n' "$patch" >> "$dir/Cargo.toml"
    mkdir -p "$dir/.cargo"
    printf '[source.crates-io]\nreplace-with = "local"\n\n[source.local]\ndirectory = "%s"\n\n[net]\noffline = true\n' \
      "$registry" > "$dir/.cargo/config.toml"
    (cd "$dir" && RUSTFLAGS="--remap-path-prefix=$root=/hearth --remap-path-prefix=$work=/build" \
       "${cargo[@]}" --release --offline --target wasm32-unknown-unknown --quiet 2>&1 \
       | awk '/^warning/ { skip = 1 } /^$/ { skip = 0; next } !skip')  # wasm-bindgen's own warnings
    cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$example.wasm" "$out/$example.wasm"
    echo "built wasm-bindgen-$version/$example.wasm"
  done
  printf 'wasm-bindgen %s, built by Tests/BridgeTests/Fixtures/build-wasm-bindgen.sh with %s.\n' "$version" "$toolchain" > "$out/TOOLCHAIN"
done
