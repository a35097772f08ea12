package io.conmonj.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The signal mask this process started with, from /proc/self/status (SigBlk). */
public final class SignalMask {
    private SignalMask() {
    }

    /** Whether every one of signals is blocked in the calling thread. */
    public static boolean allBlocked(Set<Integer> signals) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("SigBlk:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return signals.stream().allMatch(s -> (mask & (1L << (s - 1))) != 0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
