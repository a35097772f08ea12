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
    'echo "hello from a container under conmonj"; echo "this line goes to stderr" >&2; printf "a partial line"; exit 3')
echo "== conmonj --version"
"$CONMONJ_ROOT/target/conmonj" --version
echo "== creating container $cid"
conmon_create "$CONMONJ_ROOT/target/conmonj" "$work" "$cid" "$bundle"
monitor=$MONITOR_PID
echo "sync pipe: $SYNC_MSG (after $CREATE_MS ms; monitor pid $monitor)"
runc start "$cid"
code=$(wait_exit_file "$work" "$cid")
echo "== log ($work/ctr.log)"
cat "$work/ctr.log"
echo "== exit code from $work/exits/$cid: $code"
echo "== exit code from persist dir:    $(cat "$work/persist/exit")"
