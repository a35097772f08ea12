#!/bin/bash
# Self-test of the native-image toolchain (CI runs it): assembles the home (or uses $GRAALVM_HOME), then
# builds and runs two native executables: a plain Java hello world and a Quarkus command-mode (picocli)
# hello. Work and logs go to target/native-selftest of the checkout. Prints build times and sizes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-$here/../target/native-selftest}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${GRAALVM_HOME:-}" ]; then
    home=$GRAALVM_HOME
else
    home=$(bash "$here/assemble.sh" | tail -1)
fi
rm -rf "$work"
mkdir -p "$work/hello"
work=$(cd "$work" && pwd)
"$home/bin/native-image" --version

fail() { echo "selftest: FAILED: $*" >&2; exit 1; }
seconds() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN {printf "%.0f", ns / 1e9}'; }

# 1) Java hello world
"$JAVA_HOME/bin/javac" -d "$work/hello/classes" "$here/selftest/Hello.java"
start=$(date +%s%N)
(cd "$work/hello" && "$home/bin/native-image" --no-fallback -cp classes Hello -o hello) > "$work/hello/build.log" 2>&1 ||
    { tail -40 "$work/hello/build.log"; fail "native-image hello (log: $work/hello/build.log)"; }
build_s=$(seconds "$start")
out=$("$work/hello/hello" from selftest)
case $out in "hello native from selftest"*) ;; *) fail "hello printed: $out" ;; esac
echo "selftest: java hello ok: built in ${build_s} s, $(stat -c %s "$work/hello/hello") bytes, prints: $out"

# 2) Quarkus command-mode (picocli) hello
cp -r "$here/selftest/quarkus-hello" "$work/quarkus-hello"
start=$(date +%s%N)
(cd "$work/quarkus-hello" && mvn -B -q package -Dquarkus.native.enabled=true -Dquarkus.package.jar.enabled=false \
    -Dquarkus.native.graalvm-home="$home") > "$work/quarkus-hello/build.log" 2>&1 ||
    { tail -60 "$work/quarkus-hello/build.log"; fail "quarkus hello native build (log: $work/quarkus-hello/build.log)"; }
build_s=$(seconds "$start")
binary=$work/quarkus-hello/target/quarkus-hello-0.1.0-runner
out=$("$binary" --name selftest)
[ "$out" = "hello selftest from quarkus command mode" ] || fail "quarkus hello printed: $out"
echo "selftest: quarkus hello ok: built in ${build_s} s, $(stat -c %s "$binary") bytes, prints: $out"
deps=$(ldd "$binary" | awk '{print $1}' | grep -vE '^(linux-vdso|/lib64/ld-linux)' | sort | paste -sd' ')
echo "selftest: quarkus hello links: $deps"
echo "selftest: 2 passed, 0 failed"
