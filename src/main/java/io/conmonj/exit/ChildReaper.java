package io.conmonj.exit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Reaps this subreaper's children: the runtime, the re-parented container init, exec'd processes and
 * anything they leave behind. {@link #reapAvailable()} runs on every SIGCHLD (on the event loop) and
 * collects every child that has ended; statuses are kept per pid, so a child that ends before anyone
 * asks for it is not missed. Before the loop runs, and for the exit command after it, a caller waits
 * for one child with {@link #waitFor}.
 */
public final class ChildReaper {
    private final Posix posix;
    private final Map<Integer, ExitStatus> ended = new HashMap<>();
    private final Map<Integer, Consumer<ExitStatus>> watchers = new HashMap<>();

    public ChildReaper(Posix posix) {
        this.posix = posix;
    }

    /**
     * Collects every child that has ended. Returns false when this process has no children left
     * (the container is then not ours to wait for, see {@link #exists}).
     */
    public synchronized boolean reapAvailable() {
        while (true) {
            Posix.WaitResult r;
            try {
                r = posix.waitpid(-1, true);
            } catch (OsException e) {
                if (e.errno() == Posix.ECHILD) {
                    return false;
                }
                throw e;
            }
            if (r == null) {
                return true;
            }
            ended(r.pid(), ExitStatus.fromWaitStatus(r.status()));
        }
    }

    private void ended(int pid, ExitStatus status) {
        Consumer<ExitStatus> watcher = watchers.remove(pid);
        if (watcher != null) {
            watcher.accept(status);
        } else {
            ended.put(pid, status);
        }
    }

    /** Calls watcher (from {@link #reapAvailable()}) once pid has ended, or now if it already has. */
    public synchronized void onExit(int pid, Consumer<ExitStatus> watcher) {
        ExitStatus status = ended.remove(pid);
        if (status != null) {
            watcher.accept(status);
        } else {
            watchers.put(pid, watcher);
        }
    }

    /** A pid that is not (or no longer) our child ended without a status we could see: taken as exit 0. */
    public synchronized void vanished(int pid) {
        ended(pid, ExitStatus.exited(0));
    }

    /** Blocks until the child pid has ended. */
    public ExitStatus waitFor(int pid) {
        synchronized (this) {
            ExitStatus status = ended.remove(pid);
            if (status != null) {
                return status;
            }
        }
        Posix.WaitResult r = posix.waitpid(pid, false);
        return ExitStatus.fromWaitStatus(r.status());
    }

    /** Whether pid still exists (a container that is not our child is watched this way). */
    public boolean exists(int pid) {
        return posix.kill(pid, 0) != Posix.ESRCH;
    }
}
