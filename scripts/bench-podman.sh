#!/bin/bash
# podman 4.3.1 with conmonj vs /usr/bin/conmon on the same work, alternating:
#  - `podman run --rm --rootfs ROOTFS true`, median of RUNS;
#  - with COUNT containers running under one monitor (started together, idle for 5 s): RSS and PSS
#    per monitor process (mean over the COUNT monitors) and `podman ps -a` latency (median of RUNS).
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
trap 'for n in "${NAMES[@]}"; do podman rm -f -t 0 "$n" > /dev/null 2>&1 || true; done; bench_cleanup' EXIT

# Milliseconds one command takes (its output discarded; it must succeed).
elapsed_ms() {
    local begin; begin=$(date +%s%N)
    "$@" > /dev/null
    echo $(( ($(date +%s%N) - begin) / 1000000 ))
}

# 1. podman run --rm … true
declare -A run_ms
for i in $(seq "$runs"); do
    for name in conmonj conmon; do
        bin=$(bench_binary "$name")
        run_ms[$name]+="$(elapsed_ms podman --conmon "$bin" run --rm --rootfs "$rootfs" true) "
    done
done

# 2. COUNT idle containers under one monitor: memory per monitor, podman ps latency
declare -A rss pss ps_ms
for r in $(seq "$rounds"); do
    for name in conmonj conmon; do
        bin=$(bench_binary "$name")
        batch=()
        for c in $(seq "$count"); do batch+=("bp-$name-$r-$c-$$"); done
        NAMES+=("${batch[@]}")
        for n in "${batch[@]}"; do
            podman --conmon "$bin" run -d --name "$n" --rootfs "$rootfs" sleep 100000 > /dev/null &
        done
        wait
        sleep 5
        read -r r_mib p_mib < <(podman inspect --format '{{.State.ConmonPid}}' "${batch[@]}" |
            while read -r pid; do cat "/proc/$pid/smaps_rollup"; done |
            awk -v n="$count" '/^Rss:/ {r+=$2} /^Pss:/ {p+=$2} END {printf "%.1f %.1f\n", r/1024/n, p/1024/n}')
        rss[$name]+="$r_mib "; pss[$name]+="$p_mib "
        for i in $(seq "$runs"); do ps_ms[$name]+="$(elapsed_ms podman --conmon "$bin" ps -a) "; done
        podman rm -f -t 0 "${batch[@]}" > /dev/null
    done
done

med() { echo $1 | tr ' ' '\n' | median; }
mean() { echo $1 | tr ' ' '\n' | awk 'NF {s+=$1; n++} END {printf "%.1f", s/n}'; }
row() { echo "| $1 | $2 | $3 | $(ratio "$2" "$3") |"; }
echo "| podman 4.3.1 ($(date -u +%F), $(nproc) cores) | conmonj | conmon 2.1.6 | ratio |"
echo "| --- | --- | --- | --- |"
row "\`podman run --rm … true\`, median of $runs (ms)" "$(med "${run_ms[conmonj]}")" "$(med "${run_ms[conmon]}")"
row "\`podman ps -a\` with $count containers running, median of $(( runs * rounds )) (ms)" "$(med "${ps_ms[conmonj]}")" "$(med "${ps_ms[conmon]}")"
row "idle RSS per monitor, $count running, mean of $rounds rounds (MiB)" "$(mean "${rss[conmonj]}")" "$(mean "${rss[conmon]}")"
row "idle PSS per monitor, $count running, mean of $rounds rounds (MiB)" "$(mean "${pss[conmonj]}")" "$(mean "${pss[conmon]}")"
