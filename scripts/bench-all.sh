#!/bin/bash
# Every side-by-side benchmark of conmon and conmonj's two builds in one command: builds the native
# executable and the JVM launcher (unless --no-build: the builds already staged under target/bench/bin
# are used) and compares them with /usr/bin/conmon: time to the pid on the sync pipe, --version, idle
# memory and threads, podman run/ps latency, RSS and PSS per monitor with 20 containers, k8s-file log
# throughput and CPU per GiB, attach throughput with 0, 1 and 4 clients, the first resize of a
# `podman run -it` under CPU load. About 30 minutes on 2 cores.
# Writes the markdown to target/bench/results.md and prints it; with --readme also puts it into
# README.md between the bench markers.
# Usage: scripts/bench-all.sh [--no-build] [--readme]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build=1 readme=0
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        --readme) readme=1 ;;
        *) echo "usage: $0 [--no-build] [--readme]" >&2; exit 2 ;;
    esac
done
here=$CONMONJ_ROOT/scripts
out=$CONMONJ_ROOT/target/bench/results.md
ensure_packages
if [ $build = 1 ]; then
    (cd "$CONMONJ_ROOT" && mvn -B -q package -DskipTests -Dnative) && bench_stage > /dev/null
    (cd "$CONMONJ_ROOT" && mvn -B -q package -DskipTests) && bench_stage > /dev/null
fi
mkdir -p "${out%/*}"

machine="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB,"
machine+=" Debian $(cat /etc/debian_version), kernel $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"'),"
machine+=" runc $(runc --version | awk 'NR==1 {print $3}'), podman $(podman --version | awk '{print $3}')"
section() { printf '%s\n\n' "$1"; bash "$here/$2" "${@:3}"; echo; }
{
    echo "Measured $(date -u '+%F %H:%M UTC') on $machine; commit $(git -C "$CONMONJ_ROOT" rev-parse --short HEAD)."
    echo "Runs alternate between the monitors; ratio = conmonj / conmon."
    echo
    section "\`scripts/bench.sh 10\` (the monitor driven directly, as podman does):" bench.sh 10
    section "\`scripts/bench-podman.sh 10 20 2\`:" bench-podman.sh 10 20 2
    section "\`scripts/bench-log.sh 2 1\` (CPU = the monitor's whole life, start-up included):" bench-log.sh 2 1
    section "\`scripts/bench-attach.sh 256 2\`:" bench-attach.sh 256 2
    section "\`scripts/bench-resize.sh 12 3\`:" bench-resize.sh 12 3
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
if [ $readme = 1 ]; then
    awk -v results="$out" '
        /<!-- bench:start -->/ {print; while ((getline line < results) > 0) print line; skip = 1; next}
        /<!-- bench:end -->/ {skip = 0}
        !skip' "$CONMONJ_ROOT/README.md" > "$CONMONJ_ROOT/README.md.tmp"
    mv "$CONMONJ_ROOT/README.md.tmp" "$CONMONJ_ROOT/README.md"
fi
