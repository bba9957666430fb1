#!/usr/bin/env bash
# Checks that the hot handlers of a release build of `hearth` set up no stack frame on the
# paths that run (docs/architecture.md, "Execution"): SwiftPM compiles C with frame pointers,
# and only the `asm goto` in `HANDLER` and the order of the loads in calls keep the push of
# `rbp` out of them. A handler whose first instruction pushes `rbp` has lost that.
# Usage: Utilities/check-frameless.sh .build/release/hearth
set -euo pipefail
binary=$1
if [ "$(uname -m)" != x86_64 ]; then
    echo "check-frameless: not run (x86_64 only; this machine is $(uname -m))"
    exit 0
fi
# The Swift toolchain ships llvm-objdump next to swift.
objdump="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-objdump"
[ -x "$objdump" ] || objdump=llvm-objdump
# One of each kind: operations, a superinstruction, an accumulator form, branches, a table
# branch, calls (locals zeroed), a tail call (arguments moved), a return, a limit check.
hot=(h_i32_add h_i32_load h_i32_store h_copy h_const h_i32_add_imm__i32_and_imm h_i32_add__acc_1hi
     h_br h_br_if_nez h_br_i32_ne_imm h_br_table h_call h_call_indirect h_return_call h_return
     h_check_limits h_br_if_nez_checked)
symbols=$(IFS=,; echo "${hot[*]}")
# Each handler's name, then its first instruction.
firsts=$("$objdump" -d --no-show-raw-insn --disassemble-symbols="$symbols" "$binary" \
    | awk '/^[0-9a-f]+ <h_/ { name = substr($2, 2, length($2) - 3); getline; print name, $2, $3 }')
found=$(printf '%s\n' "$firsts" | grep -c '^h_' || true)
framed=$(printf '%s\n' "$firsts" | awk '$2 ~ /^push/ && $3 ~ /rbp/ { print $1 }')
if [ "$found" -ne "${#hot[@]}" ]; then
    echo "check-frameless: found $found of the ${#hot[@]} handlers in $binary" >&2
    exit 1
fi
if [ -n "$framed" ]; then
    echo "check-frameless: these handlers set up a stack frame on entry:" $framed >&2
    exit 1
fi
echo "check-frameless: ${#hot[@]} hot handlers, none sets up a stack frame on entry"
