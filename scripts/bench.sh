#!/bin/bash
# The monitor driven directly, as podman does, for conmon and each staged conmonj build (native, JVM) on
# the same bundle, alternating runs: spawn-to-pid latency, --version, an idle monitor's RSS, PSS and threads.
# Prints a markdown table with each conmonj build's ratio to conmon.
# Usage: scripts/bench.sh [RUNS]   (default 10)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
bench_start bench

# 1. spawn to pid on the sync pipe: create, read the pid, then kill and reap the container
declare -A latency
for i in $(seq "$runs"); do
    for name in "${MONITORS[@]}"; do
        cid=bench-$name-$i-$$; BENCH_CIDS+=("$cid")
        d=$BENCH_WORK/$cid; bundle=$(make_bundle "$d/bundle" sleep 1000)
        conmon_create "${MONITOR_BIN[$name]}" "$d" "$cid" "$bundle"
        latency[$name]+="$CREATE_MS "
        runc delete -f "$cid" > /dev/null 2>&1 || true
        # the next run starts on a quiet machine: this monitor has finished
        while kill -0 "$MONITOR_PID" 2> /dev/null; do sleep 0.05; done
    done
done

# 2. --version (podman runs it on every command), mean of 20
declare -A version
for name in "${MONITORS[@]}"; do
    s=$(date +%s%N); for _ in $(seq 20); do "${MONITOR_BIN[$name]}" --version > /dev/null; done; e=$(date +%s%N)
    version[$name]=$(awk -v ns=$(( e - s )) 'BEGIN {printf "%.1f", ns / 20 / 1e6}')
done

# 3. an idle monitor, 10 s after its container started (the JVM trims its heap after 6 s); files written
# back first, so a freshly written cache file does not count as private memory
declare -A rss pss threads
sync
for name in "${MONITORS[@]}"; do
    cid=idle-$name-$$; BENCH_CIDS+=("$cid"); d=$BENCH_WORK/$cid
    conmon_create "${MONITOR_BIN[$name]}" "$d" "$cid" "$(make_bundle "$d/bundle" sleep 1000)"
    runc start "$cid"; sleep 10
    read -r "rss[$name]" "pss[$name]" < <(awk '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {printf "%.1f %.1f\n", r/1024, p/1024}' \
        "/proc/$MONITOR_PID/smaps_rollup")
    threads[$name]=$(awk '/^Threads:/ {print $2}' "/proc/$MONITOR_PID/status")
    runc delete -f "$cid" > /dev/null 2>&1 || true
    while kill -0 "$MONITOR_PID" 2> /dev/null; do sleep 0.05; done
done

latency_of() { median_of "${latency[$1]}"; }
version_of() { echo "${version[$1]}"; }
rss_of() { echo "${rss[$1]}"; }
pss_of() { echo "${pss[$1]}"; }
threads_of() { echo "${threads[$1]}"; }
bench_header "monitor driven directly ($(date -u +%F), $(nproc) cores, runc $(runc --version | awk 'NR==1{print $3}'))"
bench_row_of "spawn to pid on sync pipe, median of $runs (ms)" latency_of
bench_row_of "\`--version\` (ms)" version_of
bench_row_of "idle monitor RSS (MiB)" rss_of
bench_row_of "idle monitor PSS, alone (MiB)" pss_of
bench_row_of "idle monitor threads" threads_of
