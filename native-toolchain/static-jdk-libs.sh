#!/bin/bash
# Step 3 of native-toolchain/assemble.sh (conmonj's own copy of the tested recipe).
# Builds the static JDK libraries a native-image toolchain links into every executable (libjava.a, libnio.a,
# libnet.a, libzip.a, libextnet.a, libprefs.a, libmanagement_ext.a) for the JDK the builder runs on, from registry parts only:
#   - the OpenJDK C sources of Debian's openjdk-26 source package (the Debian archive serves no openjdk-25 source
#     files; 26's native code differs from 25's in three JNI signatures, patched below),
#   - JNI headers generated from the builder JDK's own lib/src.zip (so they match its Java classes exactly).
# Usage: static-jdk-libs.sh OUT_DIR      (JAVA_HOME: a JDK 25 with lib/src.zip; default Temurin 25 here)
# Needs gcc, make, python3, xz-utils, zlib1g-dev. About 1 minute on 2 cores after the ~75 MB download.
set -euo pipefail
OUT=$(mkdir -p "${1:?usage: $0 OUT_DIR}" && cd "$1" && pwd)
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$JH/lib/src.zip" ] || { echo "no $JH/lib/src.zip: set JAVA_HOME to a JDK 25 with sources" >&2; exit 1; }
W=$OUT/.work; mkdir -p "$W"

# 1) Debian's openjdk-26 source package, through a private apt configuration on the machine's own mirror
if [ ! -d "$W/jdk/src/java.base" ]; then
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [ -n "$uri" ] || uri=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  [ -n "$uri" ] || { echo "no Debian mirror configured in /etc/apt" >&2; exit 1; }
  A=$W/apt; mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/parts.d"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri sid main" > "$A/sources.list"
  printf 'Dir::Etc::SourceList "%s";\nDir::Etc::SourceParts "%s";\nDir::State::Lists "%s";\nDir::Cache "%s";\n' \
    "$A/sources.list" "$A/parts.d" "$A/lists" "$A/cache" > "$A/apt.conf"
  export APT_CONFIG=$A/apt.conf
  apt-get update -qq
  (cd "$W" && apt-get source --download-only -qq openjdk-26)
  tarball=$(find "$W" -maxdepth 1 -name 'openjdk-26_*.orig.tar.xz' | head -1)
  top=$( (tar -tJf "$tarball" || true) | head -1 | cut -d/ -f1)
  tar -xJf "$tarball" -C "$W" "$top/src/java.base" "$top/src/hotspot/share/include" "$top/src/hotspot/os/posix/include" \
    "$top/src/jdk.net" "$top/src/java.prefs" "$top/src/jdk.management"
  rm -rf "$W/jdk"; mv "$W/$top" "$W/jdk"
fi
OJ=$W/jdk/src; J=$OJ/java.base

# 2) JNI headers for exactly the classes the C files include, from the builder JDK's sources
H=$W/jni-headers
if [ ! -f "$H/java_lang_Object.h" ]; then
  mkdir -p "$W/jdksrc" "$H" "$W/jni-classes"
  (cd "$W/jdksrc" && unzip -q -o "$JH/lib/src.zip" 'java.base/*' 'jdk.net/*' 'java.prefs/*' 'jdk.management/*')
  grep -rhoE '#include "[a-z]+(_[A-Za-z0-9]+)+\.h"' "$J" "$OJ/jdk.net" "$OJ/java.prefs" "$OJ/jdk.management" | sed 's/#include "//; s/"$//' | sort -u |
  while read -r h; do
    n=${h%.h}; IFS=_ read -r -a parts <<< "$n"
    for ((k=${#parts[@]}; k>=2; k--)); do
      rel=$(IFS=/; echo "${parts[*]:0:k}").java
      for m in java.base jdk.net java.prefs jdk.management; do
        [ -f "$W/jdksrc/$m/$rel" ] && { echo "$W/jdksrc/$m/$rel"; break 2; }
      done
    done
  done | sort -u > "$W/jni-sources.txt" || true   # the search loop ends on a failed test
  for m in java.base jdk.net java.prefs jdk.management; do   # javac patches one module per run
    grep "/jdksrc/$m/" "$W/jni-sources.txt" > "$W/jni-sources-$m.txt" || continue
    "$JH/bin/javac" -J-Xmx2g -XDignore.symbol.file=true -nowarn -implicit:none --patch-module "$m=$W/jdksrc/$m" \
      -h "$H" -d "$W/jni-classes/$m" @"$W/jni-sources-$m.txt" 2>&1 | grep -v '^Note:' | grep -i error | head -5 || true
  done
fi

# 3) the three JNI signatures in which 26's C code differs from 25's Java declarations
sed -i 's/^\(\s*jboolean initialize, jobject loader\))$/\1, jclass caller)/' "$J/share/native/libjava/Class.c"
sed -i 's/^(JNIEnv \*env, jobject jcpool\([,)]\)/(JNIEnv *env, jobject unused, jobject jcpool\1/' "$J/share/native/libjava/ConstantPool.c"
python3 - "$J/unix/native/libnio/fs/UnixNativeDispatcher.c" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
a = s.index('Java_sun_nio_fs_UnixNativeDispatcher_fstatat0(')
hdr = s.rindex('JNIEXPORT', 0, a); end = s.index('\n}\n', a) + 3
f = s[hdr:end]
if 'JNIEXPORT jint' in f:   # 26 returns errno; 25 is void and throws UnixException
    f = f.replace('JNIEXPORT jint', 'JNIEXPORT void', 1).replace('return 0;', 'return;') \
         .replace('return errno;', 'throwUnixException(env, errno); return;').replace('return ENOTSUP;', 'return;')
    open(p, 'w').write(s[:hdr] + f + s[end:])
PY

# 4) compile each library with the flags of OpenJDK's STATIC_BUILD (one make rule per object)
ver=$("$JH/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')   # e.g. 25.0.3
IFS=. read -r vf vi vu _ <<< "$ver.0.0"
MK=$W/Makefile; O=$W/obj
cat > "$MK" <<EOF
COMMON := -c -O2 -fPIC -fno-strict-aliasing -fno-omit-frame-pointer -fvisibility=hidden -pipe -w -D_GNU_SOURCE -D_REENTRANT -D_FILE_OFFSET_BITS=64 -DLINUX -DNDEBUG -D_LITTLE_ENDIAN -DARCH='"amd64"' -Damd64 -D_LP64=1 -DSTATIC_BUILD=1 -I$H -I$J/share/native/include -I$J/unix/native/include -I$OJ/hotspot/share/include -I$OJ/hotspot/os/posix/include -I$J/share/native/libjava -I$J/unix/native/libjava -I$JH/include
VERSION_CFLAGS := -DVERSION_FEATURE=$vf -DVERSION_INTERIM=${vi:-0} -DVERSION_UPDATE=${vu:-0} -DVERSION_PATCH=0 -DVERSION_EXTRA1=0 -DVERSION_EXTRA2=0 -DVERSION_EXTRA3=0 -DVERSION_PRE='""' -DVERSION_BUILD=0 -DVERSION_OPT='""' -DVERSION_NUMBER='"$ver"' -DVERSION_STRING='"$ver"' -DVERSION_SHORT='"$ver"' -DVERSION_SPECIFICATION='"$vf"' -DVERSION_DATE='"2026-01-01"' -DVENDOR_VERSION_STRING='""' -DVERSION_CLASSFILE_MAJOR=$((vf + 44)) -DVERSION_CLASSFILE_MINOR=0
EOF
all=""
lib() {  # NAME "EXTRA CFLAGS" SOURCE_DIRS...
  local name=$1 extra=$2 objs="" d f b fx o; shift 2
  mkdir -p "$O/$name"
  for d in "$@"; do
    for f in "$d"/*.c; do
      [ -f "$f" ] || continue
      b=$(basename "$f" .c); fx=""
      case "$name:$b" in
        java:jdk_util|java:ProcessImpl_md) fx="\$(VERSION_CFLAGS)";;  # a make variable
        java:java_props_md) fx="-DARCHPROPNAME='\"amd64\"'";;
      esac
      o=$O/$name/$b.o; objs="$objs $o"
      # shellcheck disable=SC2016 # make's variables, expanded by make
      printf '%s: %s\n\tgcc $(COMMON) -DLIBRARY_NAME=%s %s %s -o $@ $<\n' "$o" "$f" "$name" "$extra" "$fx" >> "$MK"
    done
  done
  printf '%s/lib%s.a:%s\n\trm -f $@; ar rcs $@ $^\n' "$OUT" "$name" "$objs" >> "$MK"
  all="$all $OUT/lib$name.a"
}
net="-I$J/share/native/libnet -I$J/unix/native/libnet"
lib java "" "$J/share/native/libjava" "$J/unix/native/libjava" "$J/linux/native/libjava"
lib net "$net" "$J/share/native/libnet" "$J/unix/native/libnet"
lib nio "$net -I$J/share/native/libnio -I$J/share/native/libnio/ch -I$J/unix/native/libnio -I$J/unix/native/libnio/ch -I$J/unix/native/libnio/fs" \
  "$J/share/native/libnio" "$J/share/native/libnio/ch" "$J/unix/native/libnio" "$J/unix/native/libnio/ch" \
  "$J/unix/native/libnio/fs" "$J/linux/native/libnio/ch" "$J/linux/native/libnio/fs"
lib zip "-DUSE_MMAP -UDEBUG -I$J/share/native/libzip" "$J/share/native/libzip"
lib extnet "$net" "$OJ/jdk.net/linux/native/libextnet"
lib prefs "" "$OJ/java.prefs/unix/native/libprefs"
# jdk.management's OperatingSystemImpl (com.sun.management.OperatingSystemMXBean: CPU load, open fds)
lib management_ext "-I$OJ/jdk.management/share/native/libmanagement_ext" "$OJ/jdk.management/share/native/libmanagement_ext" \
  "$OJ/jdk.management/unix/native/libmanagement_ext" "$OJ/jdk.management/linux/native/libmanagement_ext"
printf 'all:%s\n' "$all" >> "$MK"
make -s -j"$(nproc)" -f "$MK" all
ls "$OUT"/*.a
