package io.conmonj.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The signal masks of this process's threads, from /proc/self/task/TID/status (SigBlk). */
public final class SignalMask {
    private SignalMask() {
    }

    /** Whether every one of signals is blocked in every thread of this process. */
    public static boolean blockedInEveryThread(Set<Integer> signals) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (!blocked(task.resolve("status"), signals)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean blocked(Path status, Set<Integer> signals) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigBlk:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return signals.stream().allMatch(s -> (mask & (1L << (s - 1))) != 0);
                }
            }
        } catch (NoSuchFileException e) {
            return true; // a thread that has ended blocks nothing
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
