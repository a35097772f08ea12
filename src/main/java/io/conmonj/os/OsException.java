package io.conmonj.os;

import jnr.constants.platform.Errno;

/** A failed system call: the operation and errno, rendered like strerror(3). */
public final class OsException extends RuntimeException {
    private final int errno;

    public OsException(String operation, int errno) {
        super(operation + ": " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The strerror(3) text of this error, e.g. "No such file or directory". */
    public String strerror() {
        return describe(errno);
    }

    public static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "Unknown error " + errno : e.description();
    }
}
