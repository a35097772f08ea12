#!/bin/bash
# Soak: one container under the monitor (conmonj by default, driven as podman drives it) logs numbered
# lines as fast as it can for MINUTES, with --log-size-max and --log-rotate, while attach clients come
# and go (some read, some never read) and ctl reopen requests arrive. Every 10 s it samples the
# monitor's RSS, open descriptors and threads. At the end: the rotated files hold consecutive line
# numbers (no line lost or doubled inside what rotation keeps), the exit code is recorded, and the
# first and last samples show whether memory and descriptors stayed flat. Not run in CI.
# Usage: scripts/soak.sh [MINUTES] [MONITOR]   (defaults 30, target/conmonj)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
minutes=${1:-30}
monitor=${2:-$CONMONJ_ROOT/target/conmonj}
ensure_packages
[ "$monitor" != "$CONMONJ_ROOT/target/conmonj" ] || ensure_built
work=$(mktemp -d /tmp/conmonj-soak.XXXXXX)
cid=soak-$$
clients=()
cleanup() {
    for p in "${clients[@]}"; do kill "$p" 2> /dev/null || true; done
    runc delete -f "$cid" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# numbered lines for MINUTES (busybox awk: a few hundred thousand lines a second)
bundle=$(make_bundle "$work/bundle" awk -v end="$(( $(date +%s) + minutes * 60 ))" \
    'BEGIN { for (i = 1; ; i++) { printf "%d soak-line\n", i; if (i % 10000 == 0) { srand(); if (srand() >= end) exit } } }')
conmon_create "$monitor" "$work" "$cid" "$bundle" --log-size-max 16777216 --log-rotate --log-max-files 4
runc start "$cid"
pid=$MONITOR_PID
samples=$work/samples
sample() {
    printf '%s %s %s %s\n' "$(date +%s)" "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")" \
        "$(find "/proc/$pid/fd" -mindepth 1 | wc -l)" "$(awk '/^Threads/ {print $2}' "/proc/$pid/status")" >> "$samples"
}
sample
round=0
while [ ! -e "$work/exits/$cid" ]; do
    round=$((round + 1))
    # an attach client that reads for a while, and every third round one that never reads
    (timeout 3 socat -u UNIX-CONNECT:"$bundle/attach",socktype=5 - > /dev/null 2>&1 || true) &
    clients+=($!)
    if [ $((round % 3)) = 0 ]; then
        (timeout 5 socat -u UNIX-CONNECT:"$bundle/attach",socktype=5 EXEC:"sleep 10" > /dev/null 2>&1 || true) &
        clients+=($!)
    fi
    [ $((round % 5)) = 0 ] && echo "2 0 0" > "$bundle/ctl"
    sleep 2
    if [ $((round % 5)) = 0 ] && [ -d "/proc/$pid" ]; then sample; fi
done
code=$(cat "$work/exits/$cid")
for p in "${clients[@]}"; do wait "$p" 2> /dev/null || true; done

# what rotation kept, oldest first, must be consecutive numbers
files=()
for k in 4 3 2 1; do [ -f "$work/ctr.log.$k" ] && files+=("$work/ctr.log.$k"); done
files+=("$work/ctr.log")
# (a line split between two reads is a P record and the F record after it)
read -r first last gaps < <(cat "${files[@]}" | awk '{line = $0; sub(/^[^ ]+ [^ ]+ [PF] /, "", line)}
    NR == 1 {next}  # may be the end of a line whose start rotation dropped
    $3 == "P" {part = part line; next}
    {split(part line, w, " "); part = ""; n = w[1] + 0; if (prev && n != prev + 1) g++; if (!f) f = n; prev = n}
    END {print f, prev, g + 0}')
read -r _ rss0 fds0 threads0 < <(head -1 "$samples")
read -r _ rss1 fds1 threads1 < <(tail -1 "$samples")
echo "| soak, $minutes min ($(date -u +%F), $(nproc) cores, $(basename "$monitor")) | result |"
echo "| --- | --- |"
echo "| lines written (last number) | $last |"
echo "| lines kept by rotation, consecutive | $((last - first + 1)) ($gaps gaps) |"
echo "| exit code recorded | $code |"
echo "| attach clients | $round reading, $((round / 3)) never reading |"
echo "| ctl reopen requests | $((round / 5)) |"
echo "| RSS first / last sample (MiB) | $(awk -v a="$rss0" -v b="$rss1" 'BEGIN {printf "%.1f / %.1f", a/1024, b/1024}') |"
echo "| open fds first / last sample | $fds0 / $fds1 |"
echo "| threads first / last sample | $threads0 / $threads1 |"
echo "| RSS every sample, every 10 s (MiB) | $(awk '{printf "%s%.1f", (NR > 1 ? " " : ""), $2/1024}' "$samples") |"
[ "$gaps" = 0 ]
