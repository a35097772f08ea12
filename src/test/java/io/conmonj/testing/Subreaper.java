package io.conmonj.testing;

import java.time.Duration;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Makes this JVM the reaper of what its children leave behind (a daemonized monitor, its runtime, its
 * exit command), so a test can wait for them and end the ones that linger. Only for tests that run
 * alone in the JVM while it is in force: every orphan of the JVM's children comes here meanwhile.
 */
public final class Subreaper implements AutoCloseable {
    private static final Posix POSIX = Posix.load();

    private Subreaper() {
        POSIX.setChildSubreaper(true);
    }

    public static Subreaper become() {
        return new Subreaper();
    }

    /** Waits until no child is left, reaping each; SIGKILLs those still there after timeout. False if it had to. */
    public boolean awaitChildren(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean killed = false;
        while (true) {
            reapExited();
            var children = ProcessHandle.current().children().toList();
            if (children.isEmpty()) {
                return !killed;
            }
            if (System.nanoTime() > deadline) {
                children.forEach(child -> POSIX.kill((int) child.pid(), Posix.SIGKILL));
                killed = true;
            }
            Thread.sleep(10);
        }
    }

    private static void reapExited() {
        try {
            while (POSIX.waitpid(-1, true) != null) {
                // reaped one
            }
        } catch (OsException e) {
            // ECHILD: nothing to reap
        }
    }

    @Override
    public void close() throws InterruptedException {
        awaitChildren(Duration.ofSeconds(10));
        POSIX.setChildSubreaper(false);
    }
}
