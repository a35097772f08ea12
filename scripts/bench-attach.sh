#!/bin/bash
# Attach and log throughput, conmonj vs /usr/bin/conmon on the same work, alternating runs:
# a container writes SIZE MiB of 77-byte lines to stdout (k8s-file log) with 0, 1 and 4 SEQPACKET
# clients attached (socat, 64 KiB reads, output counted). Reports wall time from `runc start` to
# the exit file, MB/s of container output, the monitor's CPU seconds, and bytes each client got.
# Usage: scripts/bench-attach.sh [SIZE_MIB] [RUNS]   (defaults 256 and 2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
size_mib=${1:-256}
runs=${2:-2}
bench_start bench-attach

line=$(printf 'x%.0s' $(seq 76))
bytes=$(( size_mib * 1048576 ))
mean() { awk '{w+=$1; c+=$2; g+=$3} END {printf "%.2f %.2f %d\n", w/NR, c/NR, g/NR}'; }

echo "| $size_mib MiB of 77-byte lines, mean of $runs ($(date -u +%F), $(nproc) cores) | conmonj MB/s | conmon MB/s | ratio | conmonj CPU s | conmon CPU s | ratio | bytes per client (conmonj / conmon) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for clients in 0 1 4; do
    declare -A results=()
    for i in $(seq "$runs"); do
        for name in conmonj conmon; do
            bin=$(bench_binary "$name")
            cid=ba-$name-$clients-$i-$$; BENCH_CIDS+=("$cid")
            results[$name]+="$(bench_output_run "$bin" "$BENCH_WORK/$cid" "$cid" "$clients" sh -c "yes $line | head -c $bytes")"$'\n'
        done
    done
    read -r wj cj gj < <(printf '%s' "${results[conmonj]}" | mean)
    read -r wc cc gc < <(printf '%s' "${results[conmon]}" | mean)
    mbj=$(awk -v w="$wj" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    mbc=$(awk -v w="$wc" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    echo "| $clients attached clients | $mbj | $mbc | $(ratio "$mbj" "$mbc") | $cj | $cc | $(ratio "$cj" "$cc") | $gj / $gc |"
done
