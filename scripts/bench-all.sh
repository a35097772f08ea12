#!/bin/bash
# Every side-by-side benchmark of conmonj and /usr/bin/conmon in one command (about 10 minutes on
# 2 cores): time to the pid on the sync pipe, --version, podman run/ps latency, idle RSS and PSS per
# monitor with 20 containers, k8s-file log throughput and CPU per GiB. Writes the markdown to
# target/bench/results.md and prints it; with --readme also puts it into README.md between the
# bench markers.
# Usage: scripts/bench-all.sh [--readme]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
here=$CONMONJ_ROOT/scripts
out=$CONMONJ_ROOT/target/bench/results.md
mkdir -p "${out%/*}"
ensure_packages
ensure_built

machine="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB,"
machine+=" Debian $(cat /etc/debian_version), kernel $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"'),"
machine+=" runc $(runc --version | awk 'NR==1 {print $3}'), podman $(podman --version | awk '{print $3}')"
{
    echo "Measured $(date -u '+%F %H:%M UTC') on $machine; conmonj in JVM mode, alternating with \`/usr/bin/conmon\` $(conmon --version | awk 'NR==1 {print $3}')."
    echo
    echo '`scripts/bench.sh 10` (the monitor driven directly, as podman does):'
    echo
    bash "$here/bench.sh" 10
    echo
    echo '`scripts/bench-podman.sh 10 20 2`:'
    echo
    bash "$here/bench-podman.sh" 10 20 2
    echo
    echo '`scripts/bench-log.sh 2 1` (k8s-file; CPU = the monitor'"'"'s whole life, start-up included):'
    echo
    bash "$here/bench-log.sh" 2 1
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
if [ "${1:-}" = --readme ]; then
    awk -v results="$out" '
        /<!-- bench:start -->/ {print; while ((getline line < results) > 0) print line; skip = 1; next}
        /<!-- bench:end -->/ {skip = 0}
        !skip' "$CONMONJ_ROOT/README.md" > "$CONMONJ_ROOT/README.md.tmp"
    mv "$CONMONJ_ROOT/README.md.tmp" "$CONMONJ_ROOT/README.md"
fi
