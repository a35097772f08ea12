#!/bin/bash
# Shared helpers for conmonj's scripts: packages, a busybox rootfs and OCI bundles under target/.
# Source it; every function is idempotent.

CONMONJ_ROOT=${CONMONJ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# conmonj is built and run with JDK 25 (Temurin's, which these machines carry): its AOT cache and
# compact object headers, and the native-image builder, need it. JAVA_HOME set by the caller wins.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
# runtimes, the reference monitor and podman (with what podman needs here); the rootfs' busybox; test
# tools: socat (SEQPACKET and pty clients), jq, journald, promtool and a Prometheus server, curl, openssl (TLS)
PACKAGES=(runc crun conmon podman uidmap fuse-overlayfs catatonit busybox-static socat jq systemd prometheus curl openssl)

# Installs the Debian packages conmonj's jobs and tests need, when missing.
ensure_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    command -v mvn > /dev/null || missing+=(maven)
    if [ ! -x "${JAVA_HOME:-/nonexistent}/bin/javac" ]; then
        echo "conmonj needs a JDK 25: set JAVA_HOME (Temurin 25 is expected at /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
        return 1
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    fi
}

# Builds target/conmonj unless it is newer than every source file.
ensure_built() {
    local launcher=$CONMONJ_ROOT/target/conmonj
    if [ ! -x "$launcher" ] || [ -n "$(find "$CONMONJ_ROOT/src/main" "$CONMONJ_ROOT/pom.xml" -newer "$launcher" -print -quit)" ]; then
        (cd "$CONMONJ_ROOT" && mvn -B -q package -DskipTests)
    fi
}

# A busybox root filesystem at target/rootfs; prints its path.
ensure_rootfs() {
    local rootfs=$CONMONJ_ROOT/target/rootfs
    if [ ! -x "$rootfs/bin/sh" ]; then
        mkdir -p "$rootfs"/{bin,dev,proc,sys,tmp,etc,run,root}
        cp /bin/busybox "$rootfs/bin/busybox"
        # relative links: the host path of the rootfs does not exist inside the container
        local app
        for app in $("$rootfs/bin/busybox" --list); do
            [ "$app" = busybox ] || ln -sf busybox "$rootfs/bin/$app"
        done
        echo "root:x:0:0:root:/root:/bin/sh" > "$rootfs/etc/passwd"
        echo "root:x:0:" > "$rootfs/etc/group"
    fi
    echo "$rootfs"
}

# Writes an OCI bundle at DIR running ARGS... in the busybox rootfs (no terminal); prints DIR.
make_bundle() {
    local dir=$1; shift
    local rootfs; rootfs=$(ensure_rootfs)
    mkdir -p "$dir"
    (cd "$dir" && rm -f config.json && runc spec)
    local args; args=$(printf '%s\n' "$@" | jq -R . | jq -s .)
    jq --arg root "$rootfs" --argjson args "$args" \
        '.process.terminal = false | .process.args = $args | .root.path = $root | .root.readonly = true' \
        "$dir/config.json" > "$dir/config.json.tmp"
    mv "$dir/config.json.tmp" "$dir/config.json"
    echo "$dir"
}

# Creates container CID from BUNDLE under the monitor BINARY (conmonj or conmon) as podman does:
# start and sync pipes (FIFOs under WORK), exit files under WORK. Sets SYNC_MSG (the sync pipe's
# line), CREATE_MS (spawn to sync message) and MONITOR_PID. Extra arguments go to the monitor.
conmon_create() {
    local binary=$1 work=$2 cid=$3 bundle=$4; shift 4
    mkdir -p "$work/exits" "$work/persist"
    rm -f "$work/sync" "$work/start"
    mkfifo "$work/sync" "$work/start"
    local sync_fd start_fd begin end
    exec {sync_fd}<> "$work/sync" {start_fd}<> "$work/start"
    begin=$(date +%s%N)
    _OCI_SYNCPIPE=3 _OCI_STARTPIPE=4 "$binary" \
        --api-version 1 -c "$cid" -u "$cid" -r "$(command -v runc)" -b "$bundle" -p "$work/pidfile" \
        -n "$cid" --exit-dir "$work/exits" --persist-dir "$work/persist" --full-attach \
        -l "k8s-file:$work/ctr.log" --conmon-pidfile "$work/conmon.pid" "$@" \
        3> "$work/sync" 4< "$work/start" {sync_fd}>&- {start_fd}>&- &
    printf '\0' >&"$start_fd"
    wait $!
    # shellcheck disable=SC2034 # for the caller
    read -r -u "$sync_fd" SYNC_MSG
    end=$(date +%s%N)
    exec {sync_fd}>&- {start_fd}>&-
    # shellcheck disable=SC2034 # for the caller
    CREATE_MS=$(( (end - begin) / 1000000 ))
    MONITOR_PID=$(cat "$work/conmon.pid")
}

# Waits up to 30 s for the exit file of CID under WORK and prints its content.
wait_exit_file() {
    local work=$1 cid=$2
    for _ in $(seq 300); do [ -e "$work/exits/$cid" ] && break; sleep 0.1; done
    cat "$work/exits/$cid"
}

# One output benchmark run: creates CID under BINARY in WORK with a container running ARGS, attaches
# CLIENTS SEQPACKET readers (socat, 64 KiB reads, bytes counted), starts it and waits for the exit
# file. Prints "wall_seconds monitor_cpu_seconds bytes_read_by_client_1"; the monitor's CPU
# (utime+stime) is sampled until it exits. Cleans up WORK.
bench_output_run() {
    local bin=$1 d=$2 cid=$3 clients=$4; shift 4
    local bundle monitor start end cpu=0 c got=0 counters=()
    bundle=$(make_bundle "$d/bundle" "$@")
    conmon_create "$bin" "$d" "$cid" "$bundle"
    monitor=$MONITOR_PID
    for c in $(seq "$clients"); do
        (socat -u -b 65536 UNIX-CONNECT:"$bundle/attach",socktype=5 - | wc -c > "$d/client-$c") &
        counters+=($!)
    done
    sleep 0.3
    start=$(date +%s%N)
    runc start "$cid"
    while [ ! -e "$d/exits/$cid" ]; do
        cpu=$(awk '{print $14 + $15}' "/proc/$monitor/stat" 2> /dev/null || echo "$cpu")
        sleep 0.02
    done
    end=$(date +%s%N)
    for c in "${counters[@]}"; do wait "$c" 2> /dev/null || true; done
    [ "$clients" -gt 0 ] && got=$(cat "$d/client-1")
    while kill -0 "$monitor" 2> /dev/null; do
        cpu=$(awk '{print $14 + $15}' "/proc/$monitor/stat" 2> /dev/null || echo "$cpu")
        sleep 0.02
    done
    runc delete -f "$cid" > /dev/null 2>&1 || true
    rm -rf "$d"
    awk -v ns=$(( end - start )) -v t="$cpu" -v hz="$(getconf CLK_TCK)" -v g="$got" \
        'BEGIN {printf "%.2f %.2f %d\n", ns / 1e9, t / hz, g}'
}

# Copies the current build to target/bench/bin/KIND (KIND = native when target/conmonj is the native
# executable, else jvm: the launcher and its runtime image), so that one benchmark run can compare
# both builds with conmon. Prints KIND.
bench_stage() {
    local kind=jvm dir
    head -c 4 "$CONMONJ_ROOT/target/conmonj" | grep -q ELF && kind=native
    dir=$CONMONJ_ROOT/target/bench/bin/$kind
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$CONMONJ_ROOT/target/conmonj" "$dir/conmonj"
    if [ "$kind" = native ]; then
        cp -a "$CONMONJ_ROOT/target/jffi" "$dir/jffi"
    else
        cp -a "$CONMONJ_ROOT/target/conmonj-jvm" "$dir/conmonj-jvm"
    fi
    echo "$kind"
}

# Common set-up of the benchmark scripts: installs what is missing; sets MONITORS (conmon, then the
# staged conmonj builds: native, jvm; the current build is staged when none is), MONITOR_BIN (name ->
# executable), CONMONJ_BIN (the first conmonj build), a work directory BENCH_WORK and the array
# BENCH_CIDS of containers to force-delete at exit.
bench_start() {
    ensure_packages
    declare -gA MONITOR_BIN=([conmon]=/usr/bin/conmon)
    MONITORS=(conmon)
    local kind
    for kind in native jvm; do
        if [ -x "$CONMONJ_ROOT/target/bench/bin/$kind/conmonj" ]; then
            MONITORS+=("$kind"); MONITOR_BIN[$kind]=$CONMONJ_ROOT/target/bench/bin/$kind/conmonj
        fi
    done
    if [ ${#MONITORS[@]} -eq 1 ]; then
        ensure_built
        kind=$(bench_stage)
        MONITORS+=("$kind"); MONITOR_BIN[$kind]=$CONMONJ_ROOT/target/bench/bin/$kind/conmonj
    fi
    # shellcheck disable=SC2034 # for the caller
    CONMONJ_BIN=${MONITOR_BIN[${MONITORS[1]}]}
    BENCH_WORK=$(mktemp -d "/tmp/conmonj-$1.XXXXXX")
    BENCH_CIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    for c in "${BENCH_CIDS[@]}"; do runc delete -f "$c" > /dev/null 2>&1 || true; done
    rm -rf "$BENCH_WORK"
}

# The header of a table with one column per monitor and each conmonj build's ratio to conmon.
bench_header() {
    local line="| $1 |" rule="| --- |" m
    for m in "${MONITORS[@]}"; do
        if [ "$m" = conmon ]; then
            line+=" conmon $(conmon --version | awk 'NR==1 {print $3}') |"; rule+=" --- |"
        else
            line+=" conmonj $m | ratio |"; rule+=" --- | --- |"
        fi
    done
    echo "$line"
    echo "$rule"
}

# One row: LABEL, then one value per monitor in MONITORS' order (conmon's first).
bench_row() {
    local line="| $1 |" base=$2 v; shift
    line+=" $base |"; shift
    for v in "$@"; do line+=" $v | $(ratio "$v" "$base") |"; done
    echo "$line"
}

# One row: LABEL, then FUNCTION's value for each monitor (FUNCTION gets the monitor's name).
bench_row_of() {
    local label=$1 fn=$2 m values=()
    for m in "${MONITORS[@]}"; do values+=("$("$fn" "$m")"); done
    bench_row "$label" "${values[@]}"
}

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# A / B with two decimals (0 when B is 0).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }

# Writes podman's configuration for a machine without systemd as PID 1 or container networking into
# DIR (runc, cgroupfs, file events, no network namespace, k8s-file logs, ulimits within the machine's
# hard limits; overlay storage under DIR) and exports CONTAINERS_CONF and CONTAINERS_STORAGE_CONF.
# Each file is replaced atomically: podman processes may be reading it. Further arguments are environment entries for every monitor
# (containers.conf's conmon_env_vars, e.g. CONMONJ_HTTP_SOCKET_DIR=/run/conmonj).
podman_config() {
    local dir=$1; shift
    local monitor_env=
    if [ $# -gt 0 ]; then
        monitor_env="conmon_env_vars = $(printf '%s\n' "$@" | jq -R . | jq -cs .)"
    fi
    mkdir -p "$dir"
    cat > "$dir/containers.conf.tmp" <<CONF
[containers]
netns = "none"
log_driver = "k8s-file"
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
$monitor_env
CONF
    cat > "$dir/storage.conf.tmp" <<CONF
[storage]
driver = "overlay"
graphroot = "$dir/graph"
runroot = "$dir/run"
CONF
    mv "$dir/containers.conf.tmp" "$dir/containers.conf"
    mv "$dir/storage.conf.tmp" "$dir/storage.conf"
    export CONTAINERS_CONF=$dir/containers.conf CONTAINERS_STORAGE_CONF=$dir/storage.conf
}

# Lets go of the storage mount podman's overlay driver leaves at DIR/graph/overlay (DIR as given to
# podman_config), so the directory can be removed; podman mounts it again when it next runs.
podman_release() { umount -l "$1/graph/overlay" 2> /dev/null || true; }

# The median and the mean of whitespace-separated numbers in $1.
median_of() { tr ' ' '\n' <<< "$1" | grep . | median; }
mean_of() { tr ' ' '\n' <<< "$1" | awk 'NF {s+=$1; n++} END {printf "%.1f", n ? s/n : 0}'; }
