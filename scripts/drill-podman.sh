#!/bin/bash
# Drill: COUNT containers started at once through podman with a monitor (conmonj by default), each writing
# LINES numbered lines and then waiting. Reports the time until all run, whether every log is complete
# (podman logs: every line, in order), and that no monitor is left after `podman rm -f`.
# Usage: scripts/drill-podman.sh [COUNT] [LINES] [MONITOR]   (defaults 50, 2000, target/conmonj)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
count=${1:-50}
lines=${2:-2000}
monitor=${3:-$CONMONJ_ROOT/target/conmonj}
ensure_packages
[ "$monitor" != "$CONMONJ_ROOT/target/conmonj" ] || ensure_built
podman_config "$CONMONJ_ROOT/target/podman-drill"
rootfs=$(ensure_rootfs)
names=()
for c in $(seq "$count"); do names+=("drill-$c-$$"); done
cleanup() {
    podman rm -f -t 0 "${names[@]}" > /dev/null 2>&1 || true
    podman_release "$CONMONJ_ROOT/target/podman-drill"
}
trap cleanup EXIT

begin=$(date +%s%N)
for n in "${names[@]}"; do
    podman --conmon "$monitor" run -d --name "$n" --rootfs "$rootfs" \
        sh -c "i=1; while [ \$i -le $lines ]; do echo \"$n line \$i\"; i=\$((i+1)); done; echo finished; exec sleep 100000" > /dev/null &
done
failed=0
for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
running=$(podman ps --filter "name=drill-.*-$$" --format '{{.Names}}' | wc -l)
all_ms=$(( ($(date +%s%N) - begin) / 1000000 ))

# every log complete and in order, once the container has written its last line
incomplete=0
for n in "${names[@]}"; do
    for _ in $(seq 300); do podman logs "$n" 2> /dev/null | tail -1 | grep -qx finished && break; sleep 0.1; done
    expected=$(seq "$lines" | sed "s/^/$n line /"; echo finished)
    [ "$(podman --conmon "$monitor" logs "$n")" = "$expected" ] || { incomplete=$((incomplete + 1)); echo "incomplete log: $n" >&2; }
done

mapfile -t monitors < <(podman inspect --format '{{.State.ConmonPid}}' "${names[@]}")
rss=$(for p in "${monitors[@]}"; do awk '/^VmRSS/ {print $2}' "/proc/$p/status"; done | awk '{s+=$1} END {printf "%.1f", s/NR/1024}')
podman rm -f -t 0 "${names[@]}" > /dev/null
# each monitor records the exit and runs podman's exit command before it ends: give them 60 s
left_of() { local n=0 p; for p in "${monitors[@]}"; do [ -d "/proc/$p" ] && n=$((n + 1)); done; echo "$n"; }
gone_ms=0 begin=$(date +%s%N)
for _ in $(seq 600); do [ "$(left_of)" = 0 ] && break; sleep 0.1; done
left=$(left_of)
gone_ms=$(( ($(date +%s%N) - begin) / 1000000 ))

echo "| drill ($(date -u +%F), $(nproc) cores, $(basename "$monitor")) | result |"
echo "| --- | --- |"
echo "| containers started at once | $count ($failed podman run failures) |"
echo "| running after start | $running |"
echo "| time until all were started (ms) | $all_ms |"
echo "| logs complete ($lines lines each, in order) | $((count - incomplete)) of $count |"
echo "| mean monitor RSS (MiB) | $rss |"
echo "| monitors left after podman rm -f (all gone within, ms) | $left ($gone_ms) |"
[ "$failed" = 0 ] && [ "$running" = "$count" ] && [ "$incomplete" = 0 ] && [ "$left" = 0 ]
