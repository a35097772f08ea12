package io.conmonj.io;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/** A pipe between the monitor and the container: one end is the container's, the other the monitor's. */
public record Pipe(int readEnd, int writeEnd) {
    /** Container output pipes are enlarged, so a chatty container rarely waits while a read is delivered. */
    private static final int OUTPUT_PIPE_SIZE = 1 << 20;

    /** For the container's stdin: it reads, the monitor writes. */
    static Pipe forInput(Posix posix) {
        int[] fds = posix.pipe();
        return new Pipe(fds[0], fds[1]);
    }

    /** For container output: it writes, the monitor reads. */
    static Pipe forOutput(Posix posix) {
        int[] fds = posix.pipe();
        try {
            posix.setPipeSize(fds[1], OUTPUT_PIPE_SIZE);
        } catch (OsException e) {
            // the default 64 KiB still works
        }
        return new Pipe(fds[0], fds[1]);
    }
}
