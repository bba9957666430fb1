# Sourced by dispatch-statistics.sh and superinstruction-statistics.sh: what both count on,
# so that their figures stay comparable.

# Builds `hearth` with instruction statistics (statistics.h: a `switch` loop that counts each
# dispatch) into build path $1, with any further -Xcc flags given after it.
build_statistics() {
    local path=$1; shift
    local flags=(-Xcc -DHEARTH_SWITCH_DISPATCH -Xcc -DHEARTH_STATS)
    for flag in "$@"; do flags+=(-Xcc "$flag"); done
    swift build -c release --product hearth --build-path "$path" "${flags[@]}" >&2
}

# EEMBC CoreMark's arguments (Benchmarks/Workloads/eembc-coremark): 200 iterations.
coremark_arguments=(0x0 0x0 0x66 200 7 1 2000)

# The benchmark kernels (Benchmarks/Workloads/NAME.wasm, export `run`) and their arguments.
statistics_kernels=("fib 27" "sieve 2" "matmul 3" "sha256 1" "quicksort 300000" "strhash 400000" "coremark 150")
