#!/usr/bin/env bash
# Checks the plugin's modules with wasmtime (on PATH), linked by module name as Hearth's plugin
# linker links them, before and apart from Hearth: SHA-256 against sha256sum, the grayscale
# filter against the formula computed here independently, add through the math module, and a
# memory.grow refused by a memory limit. Not run in CI; run it after build.sh.
#
# wasmtime links by --preload NAME=MODULE, NAME being the import module name. The orchestrator's
# functions with string or bytes arguments are called through wasmtime/driver.wat, which does
# what Hearth's bridge does (arguments into the guest's memory, a return area, the result out);
# wasmtime/wbindgen-stub.wat stands in for the wasm-bindgen intrinsics the orchestrator imports.
set -euo pipefail
cd "$(dirname "$0")"
command -v wasmtime >/dev/null || { echo "wasmtime is not on PATH"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

modules=(--preload math=math.wasm --preload crypto=crypto.wasm --preload image=image.wasm
         --preload __wbindgen_placeholder__=wasmtime/wbindgen-stub.wat)
passed=0 failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: expected $2, got $3"; fi
}
# The orchestrator's function $1 on standard input; its result on standard output, then a
# marker if wasmtime failed (so that a failure never passes for an empty result).
through_driver() {
  wasmtime run "${modules[@]}" --preload orchestrator=orchestrator.wasm --invoke "$1" wasmtime/driver.wat ||
    { echo "(wasmtime failed)"; return 1; }
}
# The orchestrator's function $1 with number arguments (no driver needed); wasmtime options in
# $options.
options=()
invoke() {
  local function=$1; shift
  wasmtime run "${options[@]}" "${modules[@]}" --invoke "$function" orchestrator.wasm "$@" 2>/dev/null
}

# math: add, wrapping on overflow
check "add 2 3" 5 "$(invoke add 2 3)"
check "add -7 3" -4 "$(invoke add -7 3)"
check "add 2147483647 1" -2147483648 "$(invoke add 2147483647 1)"

# crypto: texts and bytes around every padding boundary (55/56 and 63/64 bytes), 1 MB of 'a'
for text in "" "abc" "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" "Hello, Hearth! ✓"; do
  check "sha256_hex \"$text\"" "$(printf '%s' "$text" | sha256sum | cut -d' ' -f1)" \
        "$(printf '%s' "$text" | through_driver sha256_hex)"
done
for length in 0 1 7 8 9 55 56 57 63 64 65 119 120 127 128 1000 65537; do
  python3 -c "import sys; sys.stdout.buffer.write(bytes((i * 131 + 7) % 256 for i in range($length)))" > "$work/bytes"
  check "sha256_hex_bytes ($length bytes)" "$(sha256sum < "$work/bytes" | cut -d' ' -f1)" \
        "$(through_driver sha256_hex_bytes < "$work/bytes")"
done
python3 -c "import sys; sys.stdout.write('a' * 1000000)" > "$work/million"
check "sha256_hex (a million 'a')" cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0 \
      "$(through_driver sha256_hex < "$work/million")"

# image: five pixels worked out by hand, Y = (77 R + 150 G + 29 B) >> 8, alpha kept
#   (255,0,0)   77·255 = 19635,  >> 8 = 76      (0,255,0)  150·255 = 38250, >> 8 = 149
#   (0,0,255)   29·255 = 7395,   >> 8 = 28      (255,255,255)   256·255 >> 8 = 255
#   (10,20,30)  770 + 3000 + 870 = 4640, >> 8 = 18
printf '\xff\x00\x00\xff\x00\xff\x00\x80\x00\x00\xff\x00\xff\xff\xff\x07\x0a\x14\x1e\x28' > "$work/five"
check "grayscale (5 pixels)" "4c4c4cff95959580""1c1c1c00ffffff07""12121228" \
      "$(through_driver grayscale < "$work/five" | od -An -v -tx1 | tr -d ' \n')"
check "checksum_gray (5 pixels)" \
      "$(printf '\x4c\x4c\x4c\xff\x95\x95\x95\x80\x1c\x1c\x1c\x00\xff\xff\xff\x07\x12\x12\x12\x28' | sha256sum | cut -d' ' -f1)" \
      "$(through_driver checksum_gray < "$work/five")"
# 100,001 pixels: the same formula computed here, the gray bytes compared and hashed
python3 - "$work" <<'PYTHON'
import sys
rgba = bytes((i * 37 + i // 7) % 256 for i in range(4 * 100001))
gray = bytearray()
for i in range(0, len(rgba), 4):
    r, g, b, a = rgba[i:i + 4]
    y = (77 * r + 150 * g + 29 * b) >> 8
    gray += bytes((y, y, y, a))
open(sys.argv[1] + "/image", "wb").write(rgba)
open(sys.argv[1] + "/gray", "wb").write(gray)
PYTHON
through_driver grayscale < "$work/image" > "$work/gray-out"
check "grayscale (100,001 pixels)" "$(sha256sum < "$work/gray")" "$(sha256sum < "$work/gray-out")"
check "checksum_gray (100,001 pixels)" "$(sha256sum < "$work/gray" | cut -d' ' -f1)" \
      "$(through_driver checksum_gray < "$work/image")"
# No pixels: nothing out, and the hash of nothing
check "grayscale (no pixels)" "" "$(through_driver grayscale < /dev/null | od -An -v -tx1 | tr -d ' \n')"
check "checksum_gray (no pixels)" "$(sha256sum < /dev/null | cut -d' ' -f1)" "$(through_driver checksum_gray < /dev/null)"
# Bytes that are not whole pixels: the orchestrator throws (a trap in the stub's __wbindgen_throw)
if printf 'abc' | through_driver grayscale > /dev/null 2> "$work/error"; then
  check "grayscale (3 bytes) fails" "a throw" "success"
else
  check "grayscale (3 bytes) fails" "a throw" "$(grep -q __wbindgen_throw "$work/error" && echo "a throw" || cat "$work/error")"
fi

# memory: the image module starts at 2 pages; under a 2 MiB limit per memory (wasmtime's
# -W max-memory-size; Hearth's budget is one for the whole plugin) it may grow by 16 pages
# (memory.grow returns the old size, 2) but not by 100 (-1); 65,536 more pages pass wasm32's 4 GiB.
options=(-W max-memory-size=2097152)
check "grow_image_memory 16 (2 MiB limit)" 2 "$(invoke grow_image_memory 16)"
check "grow_image_memory 100 (2 MiB limit)" -1 "$(invoke grow_image_memory 100)"
options=()
check "grow_image_memory 65536" -1 "$(invoke grow_image_memory 65536)"
# image_begin, which the orchestrator's grayscale and checksum_gray call first, under that limit:
# room for 100,000 pixels (400,000 bytes) but not for a million (4 MB)
limited_image() { wasmtime run -W max-memory-size=2097152 --invoke "$@" 2>/dev/null; }
check "image_begin 100000 (2 MiB limit)" 0 "$(limited_image image_begin image.wasm 100000)"
check "image_begin 1000000 (2 MiB limit)" -1 "$(limited_image image_begin image.wasm 1000000)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
