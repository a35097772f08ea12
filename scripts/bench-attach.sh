#!/bin/bash
# Attach and log throughput, conmonj vs /usr/bin/conmon on the same work, alternating runs:
# a container writes SIZE MiB of 77-byte lines to stdout (k8s-file log) with 0, 1 and 4 SEQPACKET
# clients attached (socat, 64 KiB reads, output counted). Reports wall time from `runc start` to
# the exit file, MB/s of container output, the monitor's CPU seconds, and bytes each client got.
# Usage: scripts/bench-attach.sh [SIZE_MIB] [RUNS]   (defaults 256 and 2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_built
size_mib=${1:-256}
runs=${2:-2}
conmonj=$CONMONJ_ROOT/target/conmonj
conmon=/usr/bin/conmon
work=$(mktemp -d /tmp/conmonj-bench-attach.XXXXXX)
cids=()
pids=()
cleanup() {
    for c in "${cids[@]}"; do runc delete -f "$c" > /dev/null 2>&1 || true; done
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

line=$(printf 'x%.0s' $(seq 76))
bytes=$(( size_mib * 1048576 ))
# "wall_s cpu_s client_bytes"
one_run() {
    local bin=$1 clients=$2 cid=$3 d=$work/$3 bundle monitor start end cpu=0 c
    bundle=$(make_bundle "$d/bundle" sh -c "yes $line | head -c $bytes")
    conmon_create "$bin" "$d" "$cid" "$bundle"
    monitor=$MONITOR_PID
    local counters=()
    for c in $(seq "$clients"); do
        (socat -u -b 65536 UNIX-CONNECT:"$bundle/attach",socktype=5 - | wc -c > "$d/client-$c") &
        pids+=($!); counters+=($!)
    done
    sleep 0.3
    start=$(date +%s%N)
    runc start "$cid"
    # the monitor's CPU (utime+stime, clock ticks) sampled until it exits
    while [ ! -e "$d/exits/$cid" ]; do
        cpu=$(awk '{print $14 + $15}' "/proc/$monitor/stat" 2> /dev/null || echo "$cpu")
        sleep 0.02
    done
    end=$(date +%s%N)
    for p in "${counters[@]}"; do wait "$p" 2> /dev/null || true; done
    local got=0
    [ "$clients" -gt 0 ] && got=$(cat "$d/client-1")
    while kill -0 "$monitor" 2> /dev/null; do sleep 0.05; done
    runc delete -f "$cid" > /dev/null 2>&1 || true
    rm -rf "$d"
    awk -v ns=$(( end - start )) -v t="$cpu" -v hz="$(getconf CLK_TCK)" -v g="$got" \
        'BEGIN {printf "%.2f %.2f %d\n", ns / 1e9, t / hz, g}'
}

mean() { awk '{w+=$1; c+=$2; g+=$3} END {printf "%.2f %.2f %d\n", w/NR, c/NR, g/NR}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }

echo "| $size_mib MiB of 77-byte lines, mean of $runs ($(date -u +%F), $(nproc) cores) | conmonj MB/s | conmon MB/s | ratio | conmonj CPU s | conmon CPU s | ratio | bytes per client (conmonj / conmon) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for clients in 0 1 4; do
    declare -A results=()
    for i in $(seq "$runs"); do
        for name in conmonj conmon; do
            bin=$conmonj; [ $name = conmon ] && bin=$conmon
            cid=ba-$name-$clients-$i-$$; cids+=("$cid")
            results[$name]+="$(one_run "$bin" "$clients" "$cid")"$'\n'
        done
    done
    read -r wj cj gj < <(printf '%s' "${results[conmonj]}" | mean)
    read -r wc cc gc < <(printf '%s' "${results[conmon]}" | mean)
    mbj=$(awk -v w="$wj" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    mbc=$(awk -v w="$wc" -v b="$bytes" 'BEGIN {printf "%.0f", b / w / 1e6}')
    echo "| $clients attached clients | $mbj | $mbc | $(ratio "$mbj" "$mbc") | $cj | $cc | $(ratio "$cj" "$cc") | $gj / $gc |"
done
