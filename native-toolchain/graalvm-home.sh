#!/bin/bash
# The GraalVM home a native build uses, as a symlink at LINK (conmonj's pom points
# quarkus.native.graalvm-home at target/graalvm-home): $GRAALVM_HOME unchanged when it is set, else the
# home assemble.sh builds (or finds in its cache).
# Usage: graalvm-home.sh LINK
set -euo pipefail
link=${1:?usage: graalvm-home.sh LINK}
if [ -n "${GRAALVM_HOME:-}" ]; then
    home=$GRAALVM_HOME
    echo "native build: GRAALVM_HOME=$home" >&2
else
    home=$(bash "$(dirname "${BASH_SOURCE[0]}")/assemble.sh" | tail -1)
    echo "native build: GRAALVM_HOME is not set: using the assembled toolchain $home" >&2
fi
[ -x "$home/bin/native-image" ] || { echo "native build: $home/bin/native-image not found" >&2; exit 1; }
mkdir -p "$(dirname "$link")"
ln -sfn "$home" "$link"
