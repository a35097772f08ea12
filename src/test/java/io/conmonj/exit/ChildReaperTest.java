package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.conmonj.os.Posix;
import io.conmonj.os.SpawnRequest;
import io.conmonj.testing.Waits;

/** Reaping real children: statuses kept until asked for, signals as 128+N, the one-child wait. */
class ChildReaperTest {
    private final Posix posix = Posix.load();
    private final ChildReaper reaper = new ChildReaper(posix);

    private int spawn(String script) {
        return posix.spawn(new SpawnRequest("/bin/sh", List.of("sh", "-c", script), List.of(), Map.of(), Set.of(0, 1, 2),
                false));
    }

    @Test
    void aChildThatEndedBeforeAnyoneAskedIsStillReported() throws Exception {
        int pid = spawn("exit 3");
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> !Waits.processAlive(pid) || zombie(pid)));
        reaper.reapAvailable();
        AtomicReference<ExitStatus> status = new AtomicReference<>();
        reaper.onExit(pid, status::set);
        assertEquals(ExitStatus.exited(3), status.get());
    }

    @Test
    void aKilledChildEndsWith128PlusTheSignal() throws Exception {
        int pid = spawn("kill -9 $$");
        AtomicReference<ExitStatus> status = new AtomicReference<>();
        reaper.onExit(pid, status::set);
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> {
            reaper.reapAvailable();
            return status.get() != null;
        }));
        assertEquals(new ExitStatus(137, 9), status.get());
    }

    @Test
    void waitForBlocksForOneChildOnly() {
        int quick = spawn("exit 0");
        int other = spawn("sleep 0.2; exit 5");
        assertEquals(0, reaper.waitFor(quick).code());
        assertEquals(5, reaper.waitFor(other).code());
        assertFalse(reaper.reapAvailable(), "no children left");
    }

    private static boolean zombie(int pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")).contains(") Z ");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
