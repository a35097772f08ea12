package io.conmonj.lifecycle;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The pipes the caller passed in the environment (conmon's {@code parent_pipe_fd.c}): the sync pipe
 * the pid and exit codes go to, the start pipe the caller writes to (once to let conmon go on, a
 * second time to release an exec session's runtime), and the attach pipe of {@code --exec-attach}.
 * A descriptor that is absent is -1; the sync and attach pipes are made close-on-exec.
 */
record CallerPipes(int startFd, int syncFd, SyncPipe sync, SyncPipe attach) {
    static CallerPipes of(Posix posix, String syncKey, boolean execAttach) {
        int startFd = CallerEnvironment.fd(CallerEnvironment.START_PIPE);
        int syncFd = CallerEnvironment.fd(CallerEnvironment.SYNC_PIPE);
        if (syncFd > 0) {
            setCloexec(posix, syncFd, CallerEnvironment.SYNC_PIPE);
        }
        SyncPipe attach = null;
        if (execAttach) {
            int attachFd = CallerEnvironment.fd(CallerEnvironment.ATTACH_PIPE);
            if (attachFd < 0) {
                throw FatalError.of("--attach specified but _OCI_ATTACHPIPE was not");
            }
            setCloexec(posix, attachFd, CallerEnvironment.ATTACH_PIPE);
            attach = new SyncPipe(posix, attachFd, "data");
        }
        return new CallerPipes(startFd, syncFd, new SyncPipe(posix, syncFd, syncKey), attach);
    }

    private static void setCloexec(Posix posix, int fd, String variable) {
        try {
            posix.setCloseOnExec(fd, true);
        } catch (OsException e) {
            throw FatalError.of("unable to make " + variable + " CLOEXEC");
        }
    }

    /** The attach pipe's descriptor, or -1. */
    int attachFd() {
        return attach == null ? -1 : attach.fd();
    }
}
