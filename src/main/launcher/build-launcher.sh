#!/bin/bash
# Writes target/conmonj (the JVM-mode launcher) and target/conmonj-jvm/: a jlink'd runtime image
# whose launcher is named conmonj, the application jar, jffi's native stub, and an ahead-of-time
# cache (JDK 25, JEP 483/514/515: classes loaded and linked, method profiles) trained by a real run.
# Usage: build-launcher.sh TARGET_DIR
set -euo pipefail
target=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jar=$(ls "$target"/*-runner.jar)
image=$target/conmonj-jvm

# The runtime: the modules the application uses (jdeps; jdk.zipfs, which Quarkus reaches through the jar
# file system provider, is found only at run time), the JDK's own class-data archive.
# (jdk.compiler: referenced by build-time parts of the uber-jar only)
modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$jar" | sed "s/,jdk.compiler//")
rm -rf "$image"
"$jdk/bin/jlink" --add-modules "$modules,java.logging,jdk.crypto.ec,jdk.zipfs" --output "$image" --strip-debug \
    --no-header-files --no-man-pages --generate-cds-archive
# the JVM starts bin/java itself to assemble the cache: the launcher named conmonj is a hard link
ln "$image/bin/java" "$image/bin/conmonj"
rm -f "$image"/bin/{keytool,rmiregistry,jrunscript,serialver,javac}
cp "$jar" "$image/conmonj.jar"
# The monitor's own classes in a jar of their own, a monitor's whole class path: the JDK opens every
# jar on it at start (the logging jffi starts looks for providers in each), and opening the uber-jar's
# 12,000 entries cost 10-30 ms. The HTTP endpoint, which alone needs Vert.x, Netty and Micrometer, is left
# out: a monitor that serves one loads it from the uber-jar (sidecar/EndpointLoader). The gateway runs
# with both jars.
slim=$(mktemp -d)
(cd "$slim" && "$jdk/bin/jar" xf "$jar" io/conmonj com/kenai/jffi jnr/constants \
    && rm -r io/conmonj/sidecar/HttpEndpoint*.class io/conmonj/sidecar/MonitorMetrics*.class io/conmonj/vertx \
    && "$jdk/bin/jar" --create --file "$image/conmonj-monitor.jar" --date=2026-01-01T00:00:00Z -C "$slim" .)
rm -rf "$slim"
# jffi's native stub, extracted once here instead of into /tmp on every start (also works with a noexec /tmp)
mkdir -p "$image/jffi"
(cd "$image/jffi" && "$jdk/bin/jar" xf "$jar" jni/x86_64-Linux/libjffi-1.2.so && mv jni/x86_64-Linux/libjffi-1.2.so . && rm -r jni)

# Flags for a small, quickly started monitor: one GC thread, C1 only, a small heap given back when idle.
flags="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:+UseCompactObjectHeaders"
flags+=" -XX:+DisableAttachMechanism -Xss512k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=96m"
flags+=" -Xms4m -Xmx64m -Xmn2m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10 --enable-native-access=ALL-UNNAMED"
flags+=" -Dquarkus.log.level=WARN -Xlog:disable"
# jffi finds its stub loader by reflection: a native accessor spares the method handles the JDK would
# otherwise spin for that one call (~8 ms of every start, not kept by the cache)
flags+=" -Djdk.reflect.useNativeAccessorOnly=true"
# the gateway: one per node, long-lived; a small heap that is given back, few compiler and GC threads
gateway_flags="--add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -XX:+DisableAttachMechanism -XX:+UseSerialGC -XX:-UsePerfData"
gateway_flags+=" -Xss256k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=128m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
gateway_flags+=" -Xms4m -Xmx48m -Xmn2m -XX:MaxHeapFreeRatio=10 -XX:MinHeapFreeRatio=5 -XX:+UseCompactObjectHeaders"
gateway_flags+=" -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
# --version text comes from the application itself (one source), embedded in the launcher
version_lines=
while IFS= read -r line; do
    version_lines+=" '${line//\'/\'\\\'\'}'"
done < <("$image/bin/conmonj" --enable-native-access=ALL-UNNAMED -cp "$jar" io.conmonj.lifecycle.ConmonjMain --version)
sed -e "s|@FLAGS@|$flags|" -e "s|@GATEWAY_FLAGS@|$gateway_flags|" \
    -e "s|@VERSION_LINES@|${version_lines# }|" \
    "$src/conmonj.sh" > "$target/conmonj.tmp"
chmod 0755 "$target/conmonj.tmp"
mv "$target/conmonj.tmp" "$target/conmonj"

# Train the cache on a real run through the launcher, as podman starts it (sync and start pipes, an
# exit command, its runtime arguments): the monitor runs a stand-in runtime's "container" that answers
# a line of input, and TrainingClient plays podman's part once it has the pid (attach, resize, log
# reopen, input): what serves those is then in the cache, so the first request after the pid is
# answered at once. The cache is written when the JVM exits.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/training-runtime.sh" "$work/runtime"
chmod +x "$work/runtime"
mkfifo "$work/sync-pipe" "$work/start-pipe"
exec {sync}<> "$work/sync-pipe" {start}<> "$work/start-pipe"
printf 0 >&"$start"
(cd "$work" && _OCI_SYNCPIPE=$sync _OCI_STARTPIPE=$start CONMONJ_JAVA_OPTS="-XX:AOTCacheOutput=$image/conmonj.aot" \
    "$target/conmonj" --api-version 1 -c training-container -u training -n training -r "$work/runtime" -b "$work" \
    -p "$work/pidfile" -i --full-attach -l "k8s-file:$work/log" --log-level warning --exit-dir "$work" \
    --persist-dir "$work" -P "$work/conmon.pid" --exit-command /bin/true \
    --runtime-arg --log-format=json) > "$work/train.log" 2>&1
monitor=$(cat "$work/conmon.pid")
if read -r -t 60 -u "$sync" reply && [[ $reply == *'"data": '[1-9]* ]]; then
    "$jdk/bin/java" --enable-native-access=ALL-UNNAMED "$src/TrainingClient.java" "$work/attach" "$work/ctl" \
        >> "$work/train.log" 2>&1 || true
fi
exec {sync}>&- {start}>&-
# a container left waiting for its input (the client failed) ends here; the check below says why
for _ in $(seq 600); do kill -0 "$monitor" 2> /dev/null || break; sleep 0.1; done
if [ -f "$work/pidfile" ]; then kill "$(cat "$work/pidfile")" 2> /dev/null || true; fi
for _ in $(seq 100); do kill -0 "$monitor" 2> /dev/null || break; sleep 0.1; done
# the cache is assembled by a child JVM after the training run ends
for _ in $(seq 600); do [ -f "$image/conmonj.aot" ] && ! pgrep -f "AOTCacheOutput=$image" > /dev/null && break; sleep 0.1; done
# written back now: fresh page-cache pages count as every monitor's own memory until they are
sync "$image/conmonj.aot" 2> /dev/null || true
if [ "$(cat "$work/training-container" 2> /dev/null)" != 0 ] || [ ! -f "$image/conmonj.aot" ] \
        || ! grep -q "training input" "$work/log"; then
    echo "training run failed:" >&2; cat "$work/train.log" >&2; exit 1
fi
