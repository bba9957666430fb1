#!/usr/bin/env bash
# Checks that an app can depend on Hearth by version: builds the throwaway package in `app/`,
# which names Hearth with `.package(url:from: "0.1.0")`, against a clone of this repository's
# HEAD tagged 0.1.0, in release mode, and calls the bundled Rust guest through it.
#
# SwiftPM refuses a package whose targets use `unsafeFlags` when another package depends on it
# by version, and builds a dependency with the app's settings (`swift build -c release`, no
# extra flags): this is the build an app gets. Only committed code is checked: HEAD, or the
# commit given as the first argument. Dependencies resolve by their github URLs, as in the
# root package.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
revision="${1:-HEAD}"
work="$(mktemp -d "${TMPDIR:-/tmp}/hearth-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A repository holding one commit and one tag. Fetching the commit (rather than cloning) works
# the same from a git worktree and brings no other tags that `from:` could prefer.
git init --quiet "$work/Hearth"
git -C "$work/Hearth" fetch --quiet --no-tags "$root" "$(git -C "$root" rev-parse "$revision")"
git -C "$work/Hearth" checkout --quiet FETCH_HEAD
git -C "$work/Hearth" tag 0.1.0

cp -R "$here/app" "$work/app"
sed -i "s|HEARTH_URL|file://$work/Hearth|" "$work/app/Package.swift"
start=$(date +%s)
swift build -c release --package-path "$work/app"
echo "consumer: release build of Hearth $(git -C "$work/Hearth" rev-parse --short HEAD) as a versioned dependency took $(( $(date +%s) - start )) s"

expected="Hello, World!"
actual="$("$work/app/.build/release/HearthConsumer" "$work/Hearth/examples/rust/greet/greet.wasm")"
if [ "$actual" != "$expected" ]; then
    echo "consumer: expected \"$expected\", got \"$actual\"" >&2
    exit 1
fi
echo "consumer: $actual"
