#!/bin/bash
# Assembles a GraalVM-compatible home (a JDK with the native-image builder, its C libraries and a
# `native-image` command) from parts the registries here serve, and prints its path on the last line of
# stdout. The home is cached under ${CONMONJ_NATIVE_CACHE:-$HOME/.cache/conmonj}, keyed by a hash of every
# input (this folder's files, the JDK's release file, the C compiler's version); a home that is missing,
# incomplete or built from other inputs is (re)built, one at a time (a lock), and older homes are removed.
#
# Usage: native-toolchain/assemble.sh        (JAVA_HOME: the JDK 25 the builder runs on; default Temurin 25)
# Needs: maven, gcc, make, binutils, python3, xz-utils, unzip, zlib1g-dev (installed when missing and root).
# First run: ~2 minutes and ~80 MB of downloads (Debian's OpenJDK sources for the static JDK libraries,
# the builder's jars from Maven Central); afterwards it prints the cached home at once.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$jdk/bin/javac" ] || [ ! -f "$jdk/release" ]; then
    echo "assemble.sh: JAVA_HOME=$jdk is not a JDK" >&2
    exit 1
fi
grep -q '^JAVA_VERSION="25' "$jdk/release" || { echo "assemble.sh: the builder needs a JDK 25 ($jdk)" >&2; exit 1; }
cache=${CONMONJ_NATIVE_CACHE:-$HOME/.cache/conmonj}
graalvm_version=$(sed -n 's|.*<graalvm.version>\(.*\)</graalvm.version>.*|\1|p' "$here/pom.xml")
graalvm_date=2026-01-20   # release date of the builder jars above, for `native-image --version`

log() { echo "assemble.sh: $*" >&2; }

ensure_tools() {
    local missing=() p
    for p in maven:mvn gcc:gcc make:make binutils:nm python3:python3 xz-utils:xz unzip:unzip; do
        command -v "${p#*:}" > /dev/null || missing+=("${p%%:*}")
    done
    [ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" != 0 ]; then
        log "missing packages: ${missing[*]} (install them, or run as root)"
        exit 1
    fi
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
}

input_hash() {
    {
        (cd "$here" && find . -type f ! -path './selftest/*' ! -name README.md -print0 | sort -z | xargs -0 sha256sum)
        cat "$jdk/release"
        gcc --version | head -1
    } | sha256sum | cut -c1-16
}

ensure_tools
key=$(input_hash)
home=$cache/graalvm-home-$key
if [ -f "$home/.complete" ]; then
    echo "$home"
    exit 0
fi
mkdir -p "$cache"
exec {lock}> "$cache/assemble.lock"
flock "$lock"
if [ -f "$home/.complete" ]; then   # built by another run while this one waited
    echo "$home"
    exit 0
fi
log "building $home"
tmp=$home.tmp
rm -rf "$tmp"

# 1) the JDK itself (hard links when the cache is on the JDK's file system: no copy)
cp -al "$jdk" "$tmp" 2> /dev/null || { rm -rf "$tmp"; cp -a "$jdk" "$tmp"; }

# 2) the builder's jars from Maven Central, exact versions (pom.xml); the compiler goes to lib/jvmci
builder=$tmp/lib/svm/builder
mkdir -p "$builder/lib" "$tmp/lib/jvmci"
(cd "$here" && JAVA_HOME=$jdk mvn -B -q dependency:copy-dependencies -DoutputDirectory="$builder" -DincludeScope=runtime) >&2
mv "$builder/compiler-$graalvm_version.jar" "$tmp/lib/jvmci/graal.jar"

# 3) the static JDK libraries, cached on their own (their step's script and the JDK are their inputs)
static_key=$( (sha256sum "$here/static-jdk-libs.sh"; cat "$jdk/release") | sha256sum | cut -c1-16)
static=$cache/static-jdk-libs-$static_key
if [ ! -f "$static/.complete" ]; then
    rm -rf "$cache"/static-jdk-libs-*
    JAVA_HOME=$jdk bash "$here/static-jdk-libs.sh" "$static" >&2
    touch "$static/.complete"
fi
mkdir -p "$tmp/lib/static/linux-amd64/glibc"
cp "$static"/*.a "$tmp/lib/static/linux-amd64/glibc/"

# 4) the C libraries a native image links, and the builder's JNI helper
clib=$tmp/lib/svm/clibraries/linux-amd64
obj=$tmp/.obj
mkdir -p "$clib/glibc" "$clib/include" "$obj"
cp "$here"/src/include/*.h "$clib/include/"
cflags=(-O2 -fPIC -fno-omit-frame-pointer -Wall -Wextra -Werror -I"$here/src/include" -I"$jdk/include" -I"$jdk/include/linux")
gcc "${cflags[@]}" -c "$here/src/libchelper.c" -o "$obj/libchelper.o"
gcc "${cflags[@]}" -c "$here/src/svm_container.c" -o "$obj/svm_container.o"
gcc "${cflags[@]}" -c "$here/src/jvm_shim.c" -o "$obj/jvm_shim.o"
# stubs: every JVM_*/jio_* symbol the static JDK libraries reference and jvm_shim.c does not define
comm -23 <(nm -u "$static"/*.a 2> /dev/null | awk '$1 == "U" && $2 ~ /^(JVM_|jio_)/ {print $2}' | sort -u) \
         <(nm --defined-only "$obj/jvm_shim.o" | awk '$2 == "T" {print $3}' | sort -u) |
    { echo '#include "jvm_stub.h"'; sed 's/.*/JVM_STUB(&)/'; } > "$obj/jvm_stubs.c"
gcc "${cflags[@]}" -I"$here/src" -c "$obj/jvm_stubs.c" -o "$obj/jvm_stubs.o"
ar rcs "$clib/glibc/liblibchelper.a" "$obj/libchelper.o"
ar rcs "$clib/glibc/libsvm_container.a" "$obj/svm_container.o"
ar rcs "$clib/glibc/libjvm.a" "$obj/jvm_shim.o" "$obj/jvm_stubs.o"
gcc "${cflags[@]}" -shared "$here/src/reporterchelper.c" -o "$builder/lib/libreporterchelper.so"

# 5) the builder, and the class initializers it runs at build time (e.g. jboss-threads'), reach into the
#    JDK's internals: every package of every JDK module in the builder's boot layer (the default modules plus
#    what the builder requires) is opened (which exports it too) to the builder's modules and unnamed modules
modules=org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.base,org.graalvm.nativeimage.objectfile,jdk.graal.compiler,org.graalvm.nativeimage.configure,org.graalvm.truffle.compiler,ALL-UNNAMED
builder_path=$(find "$builder" -maxdepth 1 -name '*.jar' | sort | paste -sd:)
printf '%s\n' 'public class BootModules { public static void main(String[] a) {' \
    '    ModuleLayer.boot().modules().forEach(m -> System.out.println(m.getName())); } }' > "$obj/BootModules.java"
"$jdk/bin/java" --upgrade-module-path "$tmp/lib/jvmci/graal.jar" --module-path "$builder_path" \
    --add-modules ALL-DEFAULT,org.graalvm.nativeimage.builder "$obj/BootModules.java" |
    grep -E '^(java|jdk)\.' | grep -vx jdk.graal.compiler | sort | while read -r m; do
    "$jdk/bin/java" --describe-module "$m" | awk -v m="$m" -v to="$modules" \
        '$1 == "contains" {print "--add-opens=" m "/" $2 "=" to} $1 == "qualified" {print "--add-opens=" m "/" $3 "=" to} $1 == "exports" {print "--add-opens=" m "/" $2 "=" to}'
done | sort -u > "$tmp/lib/svm/builder-exports.args"

# 6) the native-image command
mkdir -p "$tmp/lib/svm/launcher" "$tmp/lib/svm/bin" "$obj/launcher"
"$jdk/bin/javac" -nowarn -d "$obj/launcher" "$here/src/NativeImageLauncher.java"
"$jdk/bin/jar" --create --file "$tmp/lib/svm/launcher/native-image-launcher.jar" -C "$obj/launcher" .
sed -e "s|@VERSION@|$graalvm_version|; s|@DATE@|$graalvm_date|" "$here/src/native-image" > "$tmp/lib/svm/bin/native-image"
chmod 0755 "$tmp/lib/svm/bin/native-image"
ln -sf ../lib/svm/bin/native-image "$tmp/bin/native-image"
rm -rf "$obj"

echo "$key" > "$tmp/.complete"
find "$cache" -maxdepth 1 -name 'graalvm-home-*' ! -name "graalvm-home-$key*" -exec rm -rf {} +
mv "$tmp" "$home"
log "ready: $home"
echo "$home"
