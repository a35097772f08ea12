package io.conmonj.os;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fds this process got from its caller. The JVM opens its own files before any Java code runs,
 * so the launcher lists them (CONMONJ_INHERITED_FDS) before it starts the JVM. Without it, a native
 * binary reads /proc/self/fd at start (exact there); a JVM started some other way assumes stdio
 * only, since the JVM's own fds cannot be told apart (closing them at exit would crash it).
 */
public final class InheritedFds {
    public static final String ENV = "CONMONJ_INHERITED_FDS";

    private InheritedFds() {
    }

    /** The caller's fds; call first thing in main, before anything opens a file. */
    public static Set<Integer> atStart() {
        return Collections.unmodifiableSet(snapshot());
    }

    private static Set<Integer> snapshot() {
        String listed = System.getenv(ENV);
        Set<Integer> fds = new TreeSet<>();
        if (listed != null) {
            for (String part : listed.split(",")) {
                if (!part.isBlank()) {
                    fds.add(Integer.parseInt(part.trim()));
                }
            }
        } else if ("runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            fds.addAll(LinuxPosix.openFds());
            // what the native runtime opened before main (its handle on its own executable) is not the caller's
            fds.removeIf(LinuxPosix::openedByThisProcess);
        } else {
            fds.addAll(Set.of(0, 1, 2));
        }
        return fds;
    }

    public static String format(Set<Integer> fds) {
        StringBuilder sb = new StringBuilder();
        for (int fd : new TreeSet<>(fds)) {
            sb.append(sb.length() == 0 ? "" : ",").append(fd);
        }
        return sb.toString();
    }
}
