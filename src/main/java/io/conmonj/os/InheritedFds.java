package io.conmonj.os;

import java.util.Set;
import java.util.TreeSet;

/**
 * The fds this process got from its caller. The JVM opens its own files before any Java code runs,
 * so the launcher lists them (CONMONJ_INHERITED_FDS) before it starts the JVM; without it (a native
 * binary) /proc/self/fd at start is exact.
 */
public final class InheritedFds {
    public static final String ENV = "CONMONJ_INHERITED_FDS";

    private InheritedFds() {
    }

    public static Set<Integer> atStart() {
        String listed = System.getenv(ENV);
        Set<Integer> fds = new TreeSet<>();
        if (listed != null) {
            for (String part : listed.split(",")) {
                if (!part.isBlank()) {
                    fds.add(Integer.parseInt(part.trim()));
                }
            }
        } else {
            fds.addAll(JnrPosix.openFds());
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
