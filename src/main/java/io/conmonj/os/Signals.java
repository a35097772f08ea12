package io.conmonj.os;

import java.util.Set;
import java.util.function.IntConsumer;

import io.conmonj.diag.Diagnostics;
import sun.misc.Signal;

/**
 * Delivers signals to a handler. When the process started with them blocked in every thread (the
 * daemonized monitor: spawned so, and run with -Xrs so the JVM leaves them alone), a thread reads
 * them from a signalfd, which also catches SIGQUIT; otherwise the JVM's signal dispatcher delivers
 * TERM and INT (SIGQUIT belongs to the JVM there).
 */
public final class Signals {
    public static final Set<Integer> FORWARDED = Set.of(Posix.SIGTERM, Posix.SIGINT, Posix.SIGQUIT);

    private Signals() {
    }

    /** SIGTERM ends the process at once with status. */
    public static void exitOnTerm(int status) {
        Signal.handle(new Signal("TERM"), s -> Runtime.getRuntime().halt(status));
    }

    public static void handle(Posix posix, IntConsumer handler) {
        if (SignalMask.allBlocked(FORWARDED)) {
            int fd = posix.signalfd(FORWARDED);
            Thread reader = new Thread(() -> {
                while (true) {
                    handler.accept(posix.readSignal(fd));
                }
            }, "conmonj-signals");
            reader.setDaemon(true);
            reader.start();
            return;
        }
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> handler.accept(s.getNumber()));
            } catch (IllegalArgumentException e) {
                // the JVM runs with -Xrs but was not started with the signals blocked
                Diagnostics.warn("Cannot forward SIG" + name + ": " + e.getMessage());
            }
        }
    }
}
