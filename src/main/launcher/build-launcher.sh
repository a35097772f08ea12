#!/bin/bash
# Writes target/conmonj (the launcher) and trains the class-data sharing archives of both stages.
# Usage: build-launcher.sh TARGET_DIR
set -euo pipefail
target=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java
commit=$(git -C "$src" rev-parse --verify -q HEAD 2>/dev/null || true)
[ -z "$(git -C "$src" status --porcelain 2>/dev/null | head -1)" ] || commit="${commit:+$commit-dirty}"
# jffi's native stub, extracted once here instead of into /tmp on every start (also works with a noexec /tmp)
rm -rf "$target/jffi" && mkdir -p "$target/jffi"
jar=$(ls "$target"/*-runner.jar)
(cd "$target/jffi" && "${java%/java}/jar" xf "$jar" jni/x86_64-Linux/libjffi-1.2.so)
# Nothing of the JVM's own may reach the caller's stdout/stderr (conmon prints only its messages there):
# jffi's System.load is allowed without JDK 24+'s warning, and only the monitor, which boots Quarkus and
# whose stdio is /dev/null, opens java.lang (an option the JDK's base archive was not dumped with: CDS
# reports that mismatch as an error, so the monitor does not log CDS at all).
common="--illegal-native-access=allow -XX:+UnlockDiagnosticVMOptions -XX:+DisableAttachMechanism -XX:ArchiveRelocationMode=0 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=96m"
front_flags="$common -Xmx32m -XX:CICompilerCount=1"
monitor_flags="$common --add-opens=java.base/java.lang=ALL-UNNAMED -Xlog:cds=off -Xlog:aot=off -Xrs -Xms8m -Xmx64m -Xmn2m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10 -Dquarkus.log.level=WARN"
# --version text comes from the application itself (one source)
"$java" -Dconmonj.commit="$commit" -jar "$jar" --version > "$target/conmonj-version.txt"
sed -e "s|@JAVA@|$java|; s|@COMMIT@|$commit|g" \
    -e "s|@JAR@|${jar##*/}|; s|@MAIN_CLASS@|io.conmonj.lifecycle.ConmonjMain|" \
    -e "s|@FRONT_FLAGS@|$front_flags|; s|@MONITOR_FLAGS@|$monitor_flags|" \
    "$src/conmonj.sh" > "$target/conmonj.tmp"
chmod 0755 "$target/conmonj.tmp"
mv "$target/conmonj.tmp" "$target/conmonj"

# Train the archives on a real run through the launcher, as a caller starts it: the front stage
# spawns the monitor (signals blocked, new session), which runs a stand-in runtime's "container".
# Dynamic CDS records the classes each stage loaded when it exits.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/training-runtime.sh" "$work/runtime"
chmod +x "$work/runtime"
rm -f "$target"/conmonj-*.jsa
(cd "$work" && CONMONJ_FRONT_JAVA_OPTS="-XX:ArchiveClassesAtExit=$target/conmonj-front.jsa" \
    CONMONJ_MONITOR_JAVA_OPTS="-XX:ArchiveClassesAtExit=$target/conmonj-monitor.jsa" \
    "$target/conmonj" --api-version 1 -c training-container -u training -r "$work/runtime" -b "$work" \
    --full-attach -l "k8s-file:$work/log" --exit-dir "$work" --persist-dir "$work" -P "$work/conmon.pid") > "$work/train.log" 2>&1
monitor=$(cat "$work/conmon.pid")
for _ in $(seq 600); do kill -0 "$monitor" 2> /dev/null || break; sleep 0.1; done
if [ "$(cat "$work/training-container" 2> /dev/null)" != 0 ] || ! ls "$target"/conmonj-front.jsa "$target"/conmonj-monitor.jsa > /dev/null; then
    echo "training run failed:" >&2; cat "$work/train.log" >&2; exit 1
fi
