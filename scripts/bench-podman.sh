#!/bin/bash
# podman 4.3.1 with conmon and each staged conmonj build (native, JVM) on the same work, alternating:
#  - `podman run --rm --rootfs ROOTFS true`, median of RUNS;
#  - with COUNT containers running (started together, idle for 10 s, files written back): RSS and PSS
#    per monitor process (mean over the COUNT monitors) and `podman ps -a` latency (median).
# Storage under target/podman-bench. Prints a markdown table.
# Usage: scripts/bench-podman.sh [RUNS] [COUNT] [ROUNDS]   (defaults 10, 20 and 2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
count=${2:-20}
rounds=${3:-2}
bench_start bench-podman
podman_config "$CONMONJ_ROOT/target/podman-bench"
rootfs=$(ensure_rootfs)
NAMES=()
trap 'for n in "${NAMES[@]}"; do podman rm -f -t 0 "$n" > /dev/null 2>&1 || true; done
      podman_release "$CONMONJ_ROOT/target/podman-bench"; bench_cleanup' EXIT

# Milliseconds one command takes (its output discarded; it must succeed).
elapsed_ms() {
    local begin; begin=$(date +%s%N)
    "$@" > /dev/null
    echo $(( ($(date +%s%N) - begin) / 1000000 ))
}

# 1. podman run --rm … true
declare -A run_ms
for _ in $(seq "$runs"); do
    for name in "${MONITORS[@]}"; do
        run_ms[$name]+="$(elapsed_ms podman --conmon "${MONITOR_BIN[$name]}" run --rm --rootfs "$rootfs" true) "
    done
done

# 2. COUNT idle containers: memory per monitor, podman ps latency
declare -A rss pss ps_ms
for r in $(seq "$rounds"); do
    for name in "${MONITORS[@]}"; do
        bin=${MONITOR_BIN[$name]}
        batch=()
        for c in $(seq "$count"); do batch+=("bp-$name-$r-$c-$$"); done
        NAMES+=("${batch[@]}")
        for n in "${batch[@]}"; do
            podman --conmon "$bin" run -d --name "$n" --rootfs "$rootfs" sleep 100000 > /dev/null &
        done
        wait
        sync
        sleep 10
        read -r r_mib p_mib < <(podman inspect --format '{{.State.ConmonPid}}' "${batch[@]}" |
            while read -r pid; do cat "/proc/$pid/smaps_rollup"; done |
            awk -v n="$count" '/^Rss:/ {r+=$2} /^Pss:/ {p+=$2} END {printf "%.1f %.1f\n", r/1024/n, p/1024/n}')
        rss[$name]+="$r_mib "; pss[$name]+="$p_mib "
        for _ in $(seq "$runs"); do ps_ms[$name]+="$(elapsed_ms podman --conmon "$bin" ps -a) "; done
        podman rm -f -t 0 "${batch[@]}" > /dev/null
    done
done

run_of() { median_of "${run_ms[$1]}"; }
ps_of() { median_of "${ps_ms[$1]}"; }
rss_of() { mean_of "${rss[$1]}"; }
pss_of() { mean_of "${pss[$1]}"; }
bench_header "podman $(podman --version | awk '{print $3}') ($(date -u +%F), $(nproc) cores)"
bench_row_of "\`podman run --rm … true\`, median of $runs (ms)" run_of
bench_row_of "\`podman ps -a\` with $count containers running, median of $(( runs * rounds )) (ms)" ps_of
bench_row_of "idle RSS per monitor, $count running, mean of $rounds rounds (MiB)" rss_of
bench_row_of "idle PSS per monitor, $count running, mean of $rounds rounds (MiB)" pss_of
