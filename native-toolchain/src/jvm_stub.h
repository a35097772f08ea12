/*
 * Stubs of the libjvm shim: JVM_* functions the static JDK libraries reference but a native image
 * does not reach in practice (class loading, reflection, stack walking, CDS, ...: all of it done by the
 * image itself). assemble.sh writes jvm_stubs.c, one JVM_STUB(name) per such symbol, from `nm -u` of
 * the static libraries minus what jvm_shim.c implements. A stub reports its name once on stderr and
 * returns 0 (NULL, false), so an unexpected call shows up instead of failing silently.
 */
#ifndef JVM_STUB_H
#define JVM_STUB_H

#include <string.h>
#include <unistd.h>

static void jvm_stub_report(const char *name) {
    static const char prefix[] = "native image: libjvm shim: ";
    static const char suffix[] = " is not implemented (stub returns 0)\n";
    ssize_t ignored = write(2, prefix, sizeof prefix - 1);
    ignored = write(2, name, strlen(name));
    ignored = write(2, suffix, sizeof suffix - 1);
    (void) ignored;
}

#define JVM_STUB(name)                                                                                 \
    long name(void);                                                                                   \
    long name(void) {                                                                                  \
        static int reported;                                                                           \
        if (!reported) {                                                                               \
            reported = 1;                                                                              \
            jvm_stub_report(#name);                                                                    \
        }                                                                                              \
        return 0;                                                                                      \
    }

#endif
