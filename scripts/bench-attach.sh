#!/bin/bash
# Attach and log throughput, conmon and each staged conmonj build (native, JVM) on the same work,
# alternating runs: a container writes SIZE MiB of 77-byte lines to stdout (k8s-file log) with 0, 1 and
# 4 SEQPACKET clients attached (socat, 64 KiB reads, output counted). Reports MB/s of container output
# (runc start → exit file), the monitor's CPU seconds, and the bytes the first client got.
# Usage: scripts/bench-attach.sh [SIZE_MIB] [RUNS]   (defaults 256 and 2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
size_mib=${1:-256}
runs=${2:-2}
bench_start bench-attach

line=$(printf 'x%.0s' $(seq 76))
bytes=$(( size_mib * 1048576 ))
declare -A mbs cpu got

mb_of() { echo "${mbs[$1]}"; }
cpu_of() { echo "${cpu[$1]}"; }
got_of() { echo "${got[$1]}"; }
for clients in 0 1 4; do
    declare -A results=()
    for i in $(seq "$runs"); do
        for name in "${MONITORS[@]}"; do
            cid=ba-$name-$clients-$i-$$; BENCH_CIDS+=("$cid")
            results[$name]+="$(bench_output_run "${MONITOR_BIN[$name]}" "$BENCH_WORK/$cid" "$cid" "$clients" sh -c "yes $line | head -c $bytes")"$'\n'
        done
    done
    for name in "${MONITORS[@]}"; do
        read -r wall seconds bytes_got < <(printf '%s' "${results[$name]}" | awk '{w+=$1; c+=$2; g+=$3} END {printf "%.2f %.2f %d\n", w/NR, c/NR, g/NR}')
        mbs[$name]=$(awk -v w="$wall" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
        cpu[$name]=$seconds
        got[$name]=$bytes_got
    done
    bench_row_of "$clients clients: MB/s" mb_of
    bench_row_of "$clients clients: monitor CPU s" cpu_of
    [ "$clients" -gt 0 ] && bench_row_of "$clients clients: bytes the first client got" got_of
done > "$BENCH_WORK/rows"
bench_header "$size_mib MiB of 77-byte lines, mean of $runs ($(date -u +%F), $(nproc) cores)"
cat "$BENCH_WORK/rows"
