package io.conmonj.exit;

import java.util.function.Consumer;

import io.conmonj.diag.Diagnostics;
import io.conmonj.loop.EventLoop;

/**
 * Notices the container's end on the event loop (conmon's SIGCHLD handling): every SIGCHLD collects
 * the ended children; a container that is not our child is looked for until it is gone (then it
 * counts as exit 0); and when reaping fails, or signals stopped arriving, the watch keeps looking
 * on a timer rather than miss the exit.
 */
public final class ContainerExitWatch {
    /** How often children are looked for when SIGCHLD cannot be relied on. */
    static final long POLL_MILLIS = 100;

    private final EventLoop loop;
    private final ChildReaper reaper;
    private final int pid;
    private boolean polling;
    private boolean failureReported;
    private boolean ended;

    /** Calls exited (on the loop) once the container with pid has ended. */
    public ContainerExitWatch(EventLoop loop, ChildReaper reaper, int pid, Consumer<ExitStatus> exited) {
        this.loop = loop;
        this.reaper = reaper;
        this.pid = pid;
        reaper.onExit(pid, status -> {
            ended = true;
            exited.accept(status);
        });
    }

    /** A SIGCHLD (or SIGUSR1) arrived, or the first look: collect what has ended. */
    public void childSignal() {
        try {
            if (!reaper.reapAvailable() && !ended) {
                if (reaper.exists(pid)) {
                    pollEvery();
                } else {
                    reaper.vanished(pid);
                }
            }
        } catch (RuntimeException e) {
            if (!failureReported) {
                failureReported = true;
                Diagnostics.error("Failed to reap children, looking for them every " + POLL_MILLIS + " ms: " + e);
            }
            pollEvery();
        }
    }

    /** From now on children are looked for on a timer too (signals no longer arrive). */
    public void pollEvery() {
        if (!polling && !ended) {
            polling = true;
            loop.after("child poll", POLL_MILLIS, () -> {
                polling = false;
                childSignal();
                if (!ended) {
                    pollEvery();
                }
            });
        }
    }
}
