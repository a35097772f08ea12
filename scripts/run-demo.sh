#!/bin/bash
# The main job: a real container under conmonj with runc, driven as podman drives conmon
# (start pipe, sync pipe, then `runc start`), showing its log and its exit code from the exit file.
# Installs what it needs and builds conmonj when missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_built

work=$(mktemp -d /tmp/conmonj-demo.XXXXXX)
cid=conmonj-demo-$$
monitor=
cleanup() {
    runc delete -f "$cid" > /dev/null 2>&1 || true
    if [ -n "$monitor" ] && kill -0 "$monitor" 2> /dev/null; then kill "$monitor"; fi
    rm -rf "$work"
}
trap cleanup EXIT

bundle=$(make_bundle "$work/bundle" sh -c \
    'sleep 1; echo "hello from a container under conmonj"; echo "this line goes to stderr" >&2; printf "a partial line"; exit 3')
http=$work/http.sock
echo "== conmonj --version"
"$CONMONJ_ROOT/target/conmonj" --version
echo "== creating container $cid (HTTP endpoint on $http; the exit command and delay keep the monitor up after the exit)"
conmon_create "$CONMONJ_ROOT/target/conmonj" "$work" "$cid" "$bundle" \
    --http-socket "$http" --exit-command /bin/true --exit-delay 3
monitor=$MONITOR_PID
echo "sync pipe: $SYNC_MSG (after $CREATE_MS ms; monitor pid $monitor)"
for _ in $(seq 100); do [ -S "$http" ] && break; sleep 0.05; done
echo "== GET /health before start: $(curl -s --unix-socket "$http" http://localhost/health)"
echo "== attaching a SEQPACKET client to $bundle/attach and starting the container"
socat -u UNIX-CONNECT:"$bundle/attach",socktype=5 - > "$work/attach.out" &
sleep 0.3
runc start "$cid"
code=$(wait_exit_file "$work" "$cid")
echo "== log ($work/ctr.log)"
cat "$work/ctr.log"
echo "== exit code from $work/exits/$cid: $code"
echo "== exit code from persist dir:    $(cat "$work/persist/exit")"
echo "== what the attach client got (stream byte 2 = stdout, 3 = stderr):"
wait || true
od -c "$work/attach.out" | head -5
echo "== GET /health after exit: $(curl -s -w ' [HTTP %{http_code}]' --unix-socket "$http" http://localhost/health)"
echo "== GET /exit: $(curl -s --unix-socket "$http" http://localhost/exit)"
echo "== GET /metrics (container series):"
curl -s --unix-socket "$http" http://localhost/metrics | grep -v '^#'
