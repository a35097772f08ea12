#!/bin/bash
# Builds the conmonj image (src/main/container/Containerfile) with podman, offline, FROM scratch.
# Usage: scripts/build-image.sh [--native] [IMAGE]     (IMAGE defaults to localhost/conmonj:VERSION)
# JVM variant (default): the launcher and its jlink'd runtime image (target/conmonj-jvm). --native: the
# native binary target/conmonj-*-runner (mvn package -Dnative). Either way the shared libraries the
# binaries load are copied from this machine (ldd), with a static busybox for the chart's installer.
# Podman's configuration: the caller's CONTAINERS_CONF/CONTAINERS_STORAGE_CONF, else target/podman-it's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
variant=jvm
if [ "${1:-}" = --native ]; then variant=native; shift; fi
ensure_packages
cd "$CONMONJ_ROOT"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
image=${1:-localhost/conmonj:$version}
[ -n "${CONTAINERS_CONF:-}" ] || podman_config "$CONMONJ_ROOT/target/podman-it"

ctx=$CONMONJ_ROOT/target/image
rootfs=$ctx/rootfs
rm -rf "$ctx"
mkdir -p "$rootfs"/{opt/conmonj/bin,opt/conmonj/lib/native,etc,run/conmonj}
install -d -m 1777 "$rootfs/tmp"
cp src/main/container/Containerfile "$ctx/Containerfile"
cp /bin/busybox "$rootfs/opt/conmonj/bin/busybox"   # static (busybox-static)
printf 'root:x:0:0:root:/:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"

if [ "$variant" = native ]; then
    binary=$(find target -maxdepth 1 -name '*-runner' -type f -perm -u+x | head -1)
    if [ -z "$binary" ] || ! head -c 4 "$binary" | grep -q ELF; then
        echo "no native binary in target/ (mvn package -Dnative)" >&2; exit 1
    fi
    cp "$binary" "$rootfs/opt/conmonj/bin/conmonj"
else
    ensure_built
    jar=$(ls target/*-runner.jar)
    # the JVM-mode monitor as mvn package lays it out: the launcher and its runtime image beside it
    # (a jlink'd JDK whose launcher is named conmonj, the jars, jffi's stub, the trained AOT cache)
    cp -a target/conmonj-jvm "$rootfs/opt/conmonj/bin/conmonj-jvm"
    cp target/conmonj "$rootfs/opt/conmonj/bin/conmonj"
    # Netty's epoll library on java.library.path: no extraction into a temporary directory at start
    (cd "$rootfs/opt/conmonj/lib/native" && unzip -q -j "$CONMONJ_ROOT/$jar" META-INF/native/libnetty_transport_native_epoll_x86_64.so)
fi

# the shared libraries of every ELF file in the image, and the dynamic loader, at their host paths
copy_lib() {
    local lib=$1
    [ -e "$rootfs$lib" ] && return 0
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
}
find "$rootfs" -type f \( -name '*.so*' -o -perm -u+x \) -print0 | while IFS= read -r -d '' f; do
    case ${f##*/} in  # java.desktop's native parts (AWT, sound, images) are never loaded: no X11 or ALSA
        *awt*|*splashscreen*|*jsound*|*fontmanager*|*lcms*|*javajpeg*|*mlib_image*|libfreetype*) continue ;;
    esac
    head -c 4 "$f" | grep -q ELF || continue
    { ldd "$f" 2>/dev/null || true; } | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | while read -r lib; do copy_lib "$lib"; done
done

podman build --quiet --target "$variant" -f "$ctx/Containerfile" -t "$image" "$ctx" > /dev/null
echo "$image ($variant, $(du -sh "$rootfs" | cut -f1) unpacked)"
