package io.conmonj.log;

import java.util.concurrent.atomic.AtomicLong;

/** What happened to the log files, for the metrics endpoint: written by the drivers, read by anyone. */
public final class LogCounters {
    final AtomicLong truncations = new AtomicLong();
    final AtomicLong rotations = new AtomicLong();
    final AtomicLong writeErrors = new AtomicLong();
    final AtomicLong lostBytes = new AtomicLong();

    public long truncations() {
        return truncations.get();
    }

    public long rotations() {
        return rotations.get();
    }

    public long writeErrors() {
        return writeErrors.get();
    }

    public long lostBytes() {
        return lostBytes.get();
    }
}
