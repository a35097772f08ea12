#!/bin/bash
# Log throughput through k8s-file, conmon and each staged conmonj build (native, JVM) on the same work,
# alternating runs: 1 GiB of 77-byte lines, 256 MiB of 77-byte lines (a shorter life: start-up weighs
# more), 1 GiB of 4 KiB lines and 64 MiB of 2-byte lines (sizes scale with SCALE, e.g. 0.25 for a quick
# look). Reports MB/s of container output (runc start → exit file) and the monitor's CPU seconds per
# GiB (its whole life, start-up included).
# Usage: scripts/bench-log.sh [RUNS] [SCALE]   (defaults 2 and 1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-2}
scale=${2:-1}
bench_start bench-log

line77=$(printf 'x%.0s' $(seq 76))
line4k=$(printf 'x%.0s' $(seq 4095))
declare -A mbs cpu

mb_of() { echo "${mbs[$1]}"; }
cpu_of() { echo "${cpu[$1]}"; }
for workload in "77-byte lines:1024:$line77" "77-byte lines:256:$line77" "4 KiB lines:1024:$line4k" "2-byte lines:64:x"; do
    IFS=: read -r label mib text <<< "$workload"
    bytes=$(awk -v m="$mib" -v s="$scale" 'BEGIN {printf "%d", m * s * 1048576}')
    declare -A results=()
    for i in $(seq "$runs"); do
        for name in "${MONITORS[@]}"; do
            cid=bl-$name-$i-$$; BENCH_CIDS+=("$cid")
            results[$name]+="$(bench_output_run "${MONITOR_BIN[$name]}" "$BENCH_WORK/$cid" "$cid" 0 sh -c "yes $text | head -c $bytes")"$'\n'
        done
    done
    for name in "${MONITORS[@]}"; do
        read -r wall seconds < <(printf '%s' "${results[$name]}" | awk '{w+=$1; c+=$2} END {printf "%.3f %.3f\n", w/NR, c/NR}')
        mbs[$name]=$(awk -v w="$wall" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
        cpu[$name]=$(awk -v c="$seconds" -v b="$bytes" 'BEGIN {printf "%.2f", c * 1073741824 / b}')
    done
    size=$(awk -v m="$mib" -v s="$scale" 'BEGIN {printf "%g MiB", m * s}')
    bench_row_of "$size of $label: MB/s" mb_of
    bench_row_of "$size of $label: CPU s/GiB" cpu_of
done > "$BENCH_WORK/rows"
bench_header "k8s-file log, mean of $runs ($(date -u +%F), $(nproc) cores)"
cat "$BENCH_WORK/rows"
