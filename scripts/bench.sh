#!/bin/bash
# Side-by-side benchmarks of conmonj and /usr/bin/conmon on the same bundle, alternating runs.
# Prints a markdown table: spawn-to-pid latency, --version time, idle monitor RSS and PSS.
# Usage: scripts/bench.sh [RUNS]   (default 10)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
bench_start bench

# 1. spawn to pid on the sync pipe: create, read the pid, then kill and reap the container
declare -A latency
for i in $(seq "$runs"); do
    for name in conmonj conmon; do
        bin=$(bench_binary "$name")
        cid=bench-$name-$i-$$; BENCH_CIDS+=("$cid")
        d=$BENCH_WORK/$cid; bundle=$(make_bundle "$d/bundle" sleep 1000)
        conmon_create "$bin" "$d" "$cid" "$bundle"
        latency[$name]+="$CREATE_MS "
        runc delete -f "$cid" > /dev/null 2>&1 || true
        # the next run starts on a quiet machine: this monitor has finished
        while kill -0 "$MONITOR_PID" 2> /dev/null; do sleep 0.05; done
    done
done
lat_j=$(echo ${latency[conmonj]} | tr ' ' '\n' | median)
lat_c=$(echo ${latency[conmon]} | tr ' ' '\n' | median)

# 2. --version (podman runs it on every command)
ver() {
    local b=$1 s e
    s=$(date +%s%N); for _ in $(seq 20); do "$b" --version > /dev/null; done; e=$(date +%s%N)
    awk -v ns=$(( e - s )) 'BEGIN {printf "%.1f", ns / 20 / 1e6}'
}
ver_j=$(ver "$CONMONJ_BIN"); ver_c=$(ver "$CONMON_BIN")

# 3. idle monitor memory: a running container, 3 s after start
mem() {
    local bin=$1 name=$2 cid=idle-$2-$$ d
    BENCH_CIDS+=("$cid"); d=$BENCH_WORK/$cid
    conmon_create "$bin" "$d" "$cid" "$(make_bundle "$d/bundle" sleep 1000)"
    runc start "$cid"; sleep 3
    awk '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {printf "%.1f %.1f\n", r/1024, p/1024}' "/proc/$MONITOR_PID/smaps_rollup"
    runc delete -f "$cid" > /dev/null 2>&1 || true
    while kill -0 "$MONITOR_PID" 2> /dev/null; do sleep 0.05; done
}
read -r rss_j pss_j < <(mem "$CONMONJ_BIN" conmonj)
read -r rss_c pss_c < <(mem "$CONMON_BIN" conmon)

echo "| measure ($(date -u +%F), $(nproc) cores, runc $(runc --version | awk 'NR==1{print $3}')) | conmonj | conmon 2.1.6 | ratio |"
echo "| --- | --- | --- | --- |"
echo "| spawn to pid on sync pipe, median of $runs (ms) | $lat_j | $lat_c | $(ratio "$lat_j" "$lat_c") |"
echo "| \`--version\` (ms) | $ver_j | $ver_c | $(ratio "$ver_j" "$ver_c") |"
echo "| idle monitor RSS (MiB) | $rss_j | $rss_c | $(ratio "$rss_j" "$rss_c") |"
echo "| idle monitor PSS (MiB) | $pss_j | $pss_c | $(ratio "$pss_j" "$pss_c") |"
