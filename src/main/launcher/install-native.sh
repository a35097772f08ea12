#!/bin/bash
# After the native build (mvn package -Dnative): target/conmonj becomes the native executable (a hard link
# to Quarkus's *-runner, so /proc/<pid>/exe names conmonj), with jffi's stub library beside it, where the
# executable looks for it (io.conmonj.os.NativeImageJffi). The JVM launcher's files are removed.
# Usage: install-native.sh TARGET_DIR
set -euo pipefail
target=$(cd "$1" && pwd)
runner=$(find "$target" -maxdepth 1 -name '*-runner' -type f | head -1)
[ -n "$runner" ] || { echo "install-native.sh: no native executable (*-runner) in $target" >&2; exit 1; }
jffi=$(find "$target" -path '*-native-image-source-jar/lib/*jffi*-native.jar' | head -1)
[ -n "$jffi" ] || { echo "install-native.sh: jffi's native jar not found under $target" >&2; exit 1; }
rm -rf "$target/jffi" "$target"/conmonj-*.jsa "$target/conmonj-version.txt"
mkdir -p "$target/jffi"
(cd "$target/jffi" && unzip -q -o "$jffi" jni/x86_64-Linux/libjffi-1.2.so)
ln -f "$runner" "$target/conmonj.tmp"
mv -f "$target/conmonj.tmp" "$target/conmonj"
echo "native executable: $target/conmonj ($(stat -c %s "$target/conmonj") bytes)"
