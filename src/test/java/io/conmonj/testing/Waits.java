package io.conmonj.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for things that happen in another process. */
public final class Waits {
    private Waits() {
    }

    public static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** Waits for a file and returns its content; fails the test if it does not appear. */
    public static String forFile(Path file, Duration timeout) throws Exception {
        if (!until(timeout, () -> Files.exists(file))) {
            throw new AssertionError("no file " + file + " after " + timeout);
        }
        return Files.readString(file);
    }

    public static boolean processAlive(int pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }
}
