#!/bin/bash
# The gateway's scrape latency (median, p99), RSS and CPU per scrape with 10 and 50 real monitors and
# 200 stand-in monitors (one process serving 200 sockets with a real monitor's metrics: 200 JVM monitors
# do not fit beside the other work on these 2 cores), plus the monitor's own cost of the socket-directory
# setting (spawn-to-pid and idle RSS with CONMONJ_HTTP_SOCKET_DIR unset and set; BASELINE=/path/to/an/older
# target/conmonj adds that build, alternating). Prints a markdown table.
# Usage: scripts/bench-gateway.sh [SCRAPES] [REAL] [STANDIN]    (defaults 100 50 200)
# COST_RUNS (default 5) sets the monitor-cost runs; ONLY_COST=1 skips the gateway part.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
scrapes=${1:-100}
real=${2:-50}
standin=${3:-200}
bench_start gateway
sockets=$(mktemp -d /tmp/cj-bgw.XXXXXX)
standin_dir=$(mktemp -d /tmp/cj-bgs.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
    bench_cleanup
    rm -rf "$sockets" "$standin_dir"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# N more real monitors in $sockets (containers that wrote one line and sleep)
started=0
bundle=$(make_bundle "$BENCH_WORK/bundle" sh -c 'echo started; exec sleep 1000')
add_monitors() {
    local want=$1 cid d
    while [ "$started" -lt "$want" ]; do
        started=$((started + 1))
        cid=bgw-$started-$$; BENCH_CIDS+=("$cid"); d=$BENCH_WORK/$cid; mkdir -p "$d"
        cp -r "$bundle" "$d/bundle"
        CONMONJ_HTTP_SOCKET_DIR=$sockets conmon_create "$CONMONJ_BIN" "$d" "$cid" "$d/bundle" > /dev/null 2>&1
        runc start "$cid"
    done
}

# one gateway process per directory; GATEWAY_PID
start_gateway() {
    "$CONMONJ_BIN" gateway --socket-dir "$1" --listen "127.0.0.1:$port" > "$BENCH_WORK/gateway.log" 2>&1 &
    GATEWAY_PID=$!; pids+=("$GATEWAY_PID")
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/livez" > /dev/null && return 0; sleep 0.1; done
    echo "gateway did not start: $(cat "$BENCH_WORK/gateway.log")" >&2; return 1
}
stop_gateway() { kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2> /dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
up_count() { curl -s "http://127.0.0.1:$port/metrics" | grep -c '^conmonj_gateway_target_up{.*} 1$' || true; }

# SCRAPES timed scrapes after 10 warm-up ones, all N targets up: "median p99 rss_mib cpu_ms_per_scrape"
measure() {
    local n=$1 t0 t1 times=$BENCH_WORK/times
    for _ in $(seq 300); do [ "$(up_count)" -ge "$n" ] && break; sleep 0.2; done
    [ "$(up_count)" -ge "$n" ] || { echo "only $(up_count) of $n targets up" >&2; return 1; }
    for _ in $(seq 10); do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; done
    : > "$times"
    t0=$(cpu_ticks "$GATEWAY_PID")
    for _ in $(seq "$scrapes"); do
        curl -s -o /dev/null -H 'X-Prometheus-Scrape-Timeout-Seconds: 10' -w '%{time_total}\n' "http://127.0.0.1:$port/metrics" >> "$times"
    done
    t1=$(cpu_ticks "$GATEWAY_PID")
    local median p99 rss
    median=$(awk '{print $1 * 1000}' "$times" | median)
    p99=$(awk '{print $1 * 1000}' "$times" | sort -n | awk -v n="$scrapes" '{a[NR]=$1} END {i=int(n*0.99); if (i<1) i=1; print a[i]}')
    rss=$(awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$GATEWAY_PID/status")
    awk -v m="$median" -v p="$p99" -v r="$rss" -v c=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v s="$scrapes" \
        'BEGIN {printf "%.1f %.1f %s %.1f\n", m, p, r, c * 1000 / hz / s}'
}

rows=()
if [ -z "${ONLY_COST:-}" ]; then
add_monitors 10
start_gateway "$sockets"
read -r med p99 rss cpu < <(measure 10); rows+=("| 10 | real monitors | $med | $p99 | $rss | $cpu |")
add_monitors "$real"
read -r med p99 rss cpu < <(measure "$real"); rows+=("| $real | real monitors | $med | $p99 | $rss | $cpu |")
stop_gateway

# the stand-in serves a real monitor's exposition on every socket
first=$(find "$sockets" -maxdepth 1 -name '*.sock' -printf '%f\n' | sort | head -1); first_id=${first%.sock}
curl -s --unix-socket "$sockets/$first" http://localhost/metrics > "$BENCH_WORK/template.txt"
for c in "${BENCH_CIDS[@]}"; do runc delete -f "$c" > /dev/null 2>&1 || true; done
BENCH_CIDS=()
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(ls "$CONMONJ_ROOT"/target/*-runner.jar)" \
    "$CONMONJ_ROOT/scripts/bench/MonitorStandIn.java" "$standin_dir" "$standin" "$BENCH_WORK/template.txt" "$first_id" \
    > "$BENCH_WORK/standin.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q serving "$BENCH_WORK/standin.log" && break; sleep 0.2; done
start_gateway "$standin_dir"
read -r med p99 rss cpu < <(measure "$standin"); rows+=("| $standin | stand-in (one process) | $med | $p99 | $rss | $cpu |")
stop_gateway

echo "| monitors ($(date -u +%F), $(nproc) cores) | served by | scrape median (ms) | scrape p99 (ms) | gateway RSS after (MiB) | gateway CPU per scrape (ms) |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
fi

# the monitor's cost of the socket directory: spawn to pid, idle RSS (3 s after start); sets COST_MS, COST_RSS
monitor_cost() {
    local bin=$1 dir=$2 name=$3 cid d
    cid=cost-$name-$RANDOM-$$; BENCH_CIDS+=("$cid"); d=$BENCH_WORK/$cid; mkdir -p "$d"
    cp -r "$bundle" "$d/bundle"
    # (the monitor's own output, e.g. the JVM's class-data warnings, stays out of the table)
    if [ -n "$dir" ]; then
        CONMONJ_HTTP_SOCKET_DIR=$dir conmon_create "$bin" "$d" "$cid" "$d/bundle" > /dev/null 2>&1
    else
        conmon_create "$bin" "$d" "$cid" "$d/bundle" > /dev/null 2>&1
    fi
    runc start "$cid"; sleep 3
    COST_MS=$CREATE_MS
    COST_RSS=$(awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$MONITOR_PID/status")
    runc delete -f "$cid" > /dev/null 2>&1 || true
    while kill -0 "$MONITOR_PID" 2> /dev/null; do sleep 0.05; done
}
declare -A ms rss_of
# shellcheck disable=SC2034 # rss_of is read in the table below
variants=(unset set)
[ -n "${BASELINE:-}" ] && variants=(baseline unset set)
cost_runs=${COST_RUNS:-5}
for run in $(seq "$cost_runs"); do
    # each run starts with the next variant: no variant always follows the same one
    for k in $(seq 0 $((${#variants[@]} - 1))); do
        v=${variants[$(( (run + k) % ${#variants[@]} ))]}
        case $v in
            baseline) monitor_cost "$BASELINE" "" "$v" ;;
            unset) monitor_cost "$CONMONJ_BIN" "" "$v" ;;
            set) monitor_cost "$CONMONJ_BIN" "$sockets" "$v" ;;
        esac
        ms[$v]+="$COST_MS "; rss_of[$v]+="$COST_RSS "
    done
done
echo
echo "| monitor, median of $cost_runs (interleaved, rotating order) | spawn to pid (ms) | idle RSS (MiB) |"
echo "| --- | --- | --- |"
for v in "${variants[@]}"; do
    case $v in
        baseline) label="before issue 12 (BASELINE)" ;;
        unset) label="CONMONJ_HTTP_SOCKET_DIR unset" ;;
        set) label="CONMONJ_HTTP_SOCKET_DIR set (endpoint served)" ;;
    esac
    echo "| $label | $(median_of "${ms[$v]}") | $(median_of "${rss_of[$v]}") |"
done
