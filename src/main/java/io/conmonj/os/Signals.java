package io.conmonj.os;

import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;

import sun.misc.Signal;

/**
 * Delivers the signals conmonj acts on to the current handler, from the first instruction on. When
 * every thread has them blocked (the JVM launcher starts the JVM so, with -Xrs keeping them blocked),
 * one thread reads them from a signalfd. Otherwise the runtime's signal dispatcher delivers them: a
 * native executable's runtime unblocks some of its threads at start even when it was spawned with them
 * blocked. SIGQUIT goes that way too where the runtime lets it go (a native executable built without
 * thread dumps on SIGQUIT); a JVM keeps it for its thread dumps.
 */
public final class Signals {
    public static final int SIGUSR1 = Posix.SIGUSR1;
    public static final int SIGCHLD = Posix.SIGCHLD;
    /** Forwarded to the container (conmon's on_sig_exit). */
    public static final Set<Integer> FORWARDED = Set.of(Posix.SIGTERM, Posix.SIGINT, Posix.SIGQUIT);
    /** What conmonj handles: the forwarded ones, and SIGCHLD and SIGUSR1, which make a monitor look for ended children. */
    public static final Set<Integer> MONITORED = Set.of(Posix.SIGTERM, Posix.SIGINT, Posix.SIGQUIT, SIGCHLD, SIGUSR1);

    private volatile IntConsumer handler = Signals::beforeDaemonizing;
    private volatile boolean lost;

    private Signals() {
    }

    /** Starts delivering; until {@link #handle} says otherwise, conmon's behaviour before it forks. */
    public static Signals start(Posix posix, ThreadFactory threads) {
        Signals signals = new Signals();
        if (SignalMask.blockedInEveryThread(MONITORED)) {
            int fd = posix.signalfd(MONITORED);
            threads.newThread(() -> signals.readForever(posix, fd)).start();
        } else {
            for (String name : new String[] {"TERM", "INT", "QUIT", "CHLD", "USR1"}) {
                try {
                    Signal.handle(new Signal(name), s -> signals.handler.accept(s.getNumber()));
                } catch (IllegalArgumentException e) {
                    // kept by the runtime (a JVM's SIGQUIT), or a JVM run with -Xrs but without the
                    // signals blocked: they keep their default action
                }
            }
        }
        return signals;
    }

    private void readForever(Posix posix, int fd) {
        try {
            while (true) {
                handler.accept(posix.readSignal(fd));
            }
        } finally {
            // no more signals: the owner is told once, with a SIGCHLD, and must look for children itself
            lost = true;
            handler.accept(SIGCHLD);
        }
    }

    /** Whether signals stopped arriving (their reader failed): children must be looked for regularly. */
    public boolean lost() {
        return lost;
    }

    /** From now on signals go to handler. */
    public void handle(IntConsumer newHandler) {
        handler = newHandler;
    }

    /** conmon before its fork: SIGTERM ends it with 1 at once; SIGINT and SIGQUIT end it as by default. */
    private static void beforeDaemonizing(int signal) {
        if (signal == Posix.SIGTERM) {
            Runtime.getRuntime().halt(1);
        } else if (signal == Posix.SIGINT || signal == Posix.SIGQUIT) {
            Runtime.getRuntime().halt(128 + signal);
        }
    }
}
