#!/bin/bash
# Writes what --version reports of the build into the classes (CLASSES_DIR/io/conmonj/cli/commit.txt): the
# git commit the sources come from, "-dirty" when they differ from it, nothing outside a git checkout.
# Usage: build-info.sh CLASSES_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
commit=$(git -C "$src" rev-parse --verify -q HEAD 2> /dev/null || true)
if [ -n "$commit" ] && [ -n "$(git -C "$src" status --porcelain 2> /dev/null | head -1)" ]; then
    commit=$commit-dirty
fi
mkdir -p "$1/io/conmonj/cli"
printf '%s' "$commit" > "$1/io/conmonj/cli/commit.txt"
