package io.conmonj.exit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The one thread that reaps this subreaper's children ({@code waitpid(-1)}): the runtime, the
 * re-parented container init, exec'd processes and anything they leave behind. Statuses are kept
 * per pid, so a child that exits before anyone asks for it is not missed.
 */
public final class ChildReaper {
    private static final long NO_CHILD_POLL_MILLIS = 100;

    private final Posix posix;
    private final Map<Integer, CompletableFuture<ExitStatus>> exits = new HashMap<>();
    private final Thread thread;
    private int vanishWatchPid;

    public ChildReaper(Posix posix) {
        this.posix = posix;
        this.thread = new Thread(this::reapForever, "conmonj-reaper");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Completes when pid has been reaped (or, for the watched container, vanished). */
    public synchronized CompletableFuture<ExitStatus> exitOf(int pid) {
        return exits.computeIfAbsent(pid, p -> new CompletableFuture<>());
    }

    /**
     * Watches a pid that may not be our child (spec §12.1, ECHILD case): when there are no children
     * and it no longer exists, it is taken as exited with status 0.
     */
    public synchronized void watchForVanishing(int pid) {
        vanishWatchPid = pid;
        notifyAll();
    }

    /** Wakes the reaper after a child was spawned. */
    public synchronized void childSpawned() {
        notifyAll();
    }

    private void reapForever() {
        while (true) {
            try {
                Posix.WaitResult r = posix.waitpid(-1, false);
                exitOf(r.pid()).complete(ExitStatus.fromWaitStatus(r.status()));
            } catch (OsException e) {
                if (e.errno() != Posix.ECHILD) {
                    throw e;
                }
                waitForChildren();
            }
        }
    }

    private synchronized void waitForChildren() {
        if (vanishWatchPid > 0 && posix.kill(vanishWatchPid, 0) == Posix.ESRCH) {
            exitOf(vanishWatchPid).complete(ExitStatus.exited(0));
        }
        try {
            wait(NO_CHILD_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
