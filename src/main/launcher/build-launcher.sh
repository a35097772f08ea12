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
(cd "$target/jffi" && "${java%/java}/jar" xf "$target"/quarkus-app/lib/main/com.github.jnr.jffi-*-native.jar jni/x86_64-Linux/libjffi-1.2.so)
common="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=96m"
front_flags="$common -Xmx32m -XX:CICompilerCount=1"
monitor_flags="$common -Xrs -Xms8m -Xmx64m -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Dquarkus.log.level=WARN"
# --version text comes from the application itself (one source)
"$java" -Dconmonj.commit="$commit" -jar "$target/quarkus-app/quarkus-run.jar" --version > "$target/conmonj-version.txt"
sed -e "s|@JAVA@|$java|; s|@COMMIT@|$commit|g" \
    -e "s|@FRONT_FLAGS@|$front_flags|; s|@MONITOR_FLAGS@|$monitor_flags|" \
    "$src/conmonj.sh" > "$target/conmonj.tmp"
chmod 0755 "$target/conmonj.tmp"
mv "$target/conmonj.tmp" "$target/conmonj"

# Train the archives on a real run of each stage (dynamic CDS records the classes loaded at exit).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/training-runtime.sh" "$work/runtime"
chmod +x "$work/runtime"
rm -f "$target"/conmonj-*.jsa
run() {
    (cd "$work" && "$java" $1 -Djffi.boot.library.path="$target/jffi/jni/x86_64-Linux" -XX:ArchiveClassesAtExit="$2" -jar "$target/quarkus-app/quarkus-run.jar" "${@:3}") \
        > "$work/train.log" 2>&1 || true
}
args=(--api-version 1 -c training-container -u training -r "$work/runtime" -b "$work" -l "k8s-file:$work/log"
      --exit-dir "$work" --persist-dir "$work" --sync)
CONMONJ_LAUNCHER=/bin/true run "$front_flags" "$target/conmonj-front.jsa" "${args[@]/--sync/-P}" "$work/pid"
CONMONJ_STAGE=monitor run "$monitor_flags" "$target/conmonj-monitor.jsa" "${args[@]}"
ls "$target"/conmonj-*.jsa > /dev/null
