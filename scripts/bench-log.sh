#!/bin/bash
# Log throughput through k8s-file, conmonj vs /usr/bin/conmon on the same work, alternating runs:
# 1 GiB of 77-byte lines, 1 GiB of 4 KiB lines and 64 MiB of 2-byte lines (sizes scale with SCALE,
# e.g. 0.25 for a quick look). Reports MB/s of container output (runc start → exit file) and the
# monitor's CPU seconds per GiB (whole life, start-up included).
# Usage: scripts/bench-log.sh [RUNS] [SCALE]   (defaults 2 and 1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-2}
scale=${2:-1}
bench_start bench-log

mean() { awk '{w+=$1; c+=$2} END {printf "%.3f %.3f\n", w/NR, c/NR}'; }
line77=$(printf 'x%.0s' $(seq 76))
line4k=$(printf 'x%.0s' $(seq 4095))

echo "| workload, mean of $runs ($(date -u +%F), $(nproc) cores) | conmonj MB/s | conmon MB/s | ratio | conmonj CPU s/GiB | conmon CPU s/GiB | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for workload in "77-byte lines:1024:$line77" "4 KiB lines:1024:$line4k" "2-byte lines:64:x"; do
    IFS=: read -r label mib text <<< "$workload"
    bytes=$(awk -v m="$mib" -v s="$scale" 'BEGIN {printf "%d", m * s * 1048576}')
    declare -A results=()
    for i in $(seq "$runs"); do
        for name in conmonj conmon; do
            bin=$(bench_binary "$name")
            cid=bl-$name-$i-$$; BENCH_CIDS+=("$cid")
            results[$name]+="$(bench_output_run "$bin" "$BENCH_WORK/$cid" "$cid" 0 sh -c "yes $text | head -c $bytes")"$'\n'
        done
    done
    read -r wj cj < <(printf '%s' "${results[conmonj]}" | mean)
    read -r wc cc < <(printf '%s' "${results[conmon]}" | mean)
    mbj=$(awk -v w="$wj" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    mbc=$(awk -v w="$wc" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    gj=$(awk -v c="$cj" -v b="$bytes" 'BEGIN {printf "%.2f", c * 1073741824 / b}')
    gc=$(awk -v c="$cc" -v b="$bytes" 'BEGIN {printf "%.2f", c * 1073741824 / b}')
    echo "| $(awk -v m="$mib" -v s="$scale" 'BEGIN {printf "%g MiB", m * s}') of $label | $mbj | $mbc | $(ratio "$mbj" "$mbc") | $gj | $gc | $(ratio "$gj" "$gc") |"
done
