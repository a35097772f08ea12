#!/bin/bash
# The first-resize race as a user meets it, for conmon and each staged conmonj build, alternating:
# from a terminal whose size was set (a socat pty in raw mode), `podman run -it` a container that polls
# `stty size` until its window has a size and prints how many polls failed first. podman writes the
# resize on the ctl fifo and starts the container at once: a monitor that applies the resize late shows
# up as polls (a 0x0 window). LOAD CPU-bound loops run beside, as on a busy node.
# Prints a markdown table: runs that saw a 0x0 window first, and the polls of the worst run.
# Usage: scripts/bench-resize.sh [RUNS] [LOAD]   (defaults 12 and 3)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-12}
load=${2:-3}
bench_start bench-resize
podman_config "$CONMONJ_ROOT/target/podman-bench"
rootfs=$(ensure_rootfs)
pty_dir=$(mktemp -d)
HELPERS=()
trap 'kill "${HELPERS[@]}" 2> /dev/null || true; rm -rf "$pty_dir"
      podman_release "$CONMONJ_ROOT/target/podman-bench"; bench_cleanup' EXIT

socat -u "PTY,link=$pty_dir/pty,raw,echo=0" /dev/null &
HELPERS+=($!)
for _ in $(seq 100); do [ -e "$pty_dir/pty" ] && break; sleep 0.05; done
stty rows 30 cols 100 < "$pty_dir/pty"
for _ in $(seq "$load"); do
    (while :; do :; done) &
    HELPERS+=($!)
done

# shellcheck disable=SC2016 # expanded in the container
poll='i=0; while [ -z "$(stty size 2> /dev/null)" ]; do i=$((i + 1)); done; echo $i'
declare -A late worst
for _ in $(seq "$runs"); do
    for name in "${MONITORS[@]}"; do
        polls=$(podman --conmon "${MONITOR_BIN[$name]}" run --rm -it --rootfs "$rootfs" sh -c "$poll" \
            < "$pty_dir/pty" | tr -d '\r')
        [ "$polls" -gt 0 ] && late[$name]=$(( ${late[$name]:-0} + 1 ))
        [ "$polls" -gt "${worst[$name]:-0}" ] && worst[$name]=$polls
    done
done

late_of() { echo "${late[$1]:-0}"; }
worst_of() { echo "${worst[$1]:-0}"; }
bench_header "first resize, $runs runs with $load busy loops beside ($(date -u +%F), $(nproc) cores)"
bench_row_of "runs whose container saw a 0x0 window first" late_of
bench_row_of "polls before the size, worst run" worst_of
