package io.conmonj.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.os.Posix;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.Waits;

/** The ctl and winsz fifos on the event loop, written as podman and CRI-O write them. */
class ControlFifosTest {
    private final Posix posix = Posix.load();
    private final RunningLoop running = new RunningLoop(posix);
    private final List<String> actions = new CopyOnWriteArrayList<>();
    @TempDir
    Path bundle;
    private ControlFifos fifos;

    @AfterEach
    void close() throws Exception {
        if (fifos != null) {
            running.run(fifos::close);
        }
        running.close();
    }

    private void start() throws Exception {
        running.run(() -> fifos.start(running.loop(), new ControlFifos.Actions() {
            @Override
            public void resize(int rows, int columns) {
                actions.add("resize " + rows + "x" + columns);
            }

            @Override
            public void reopenLog() {
                actions.add("reopen");
            }
        }));
    }

    private void write(String fifo, String text) throws Exception {
        Files.writeString(bundle.resolve(fifo), text, StandardOpenOption.WRITE);
    }

    @Test
    void requestsWrittenBeforeTheStartAreAppliedFirstThenTheOthersAsTheyCome() throws Exception {
        fifos = ControlFifos.create(posix, bundle.toString());
        write("ctl", "1 33 77\n");
        start();
        assertEquals(List.of("resize 33x77"), actions);
        write("ctl", "2 0 0\n1 10 20\n");
        write("winsz", "5 6\n");
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> actions.size() == 4), actions::toString);
        assertEquals(List.of("resize 33x77", "reopen", "resize 10x20", "resize 5x6"), actions);
    }

    @Test
    void aRejectedLineDiscardsTheRestOfItsReadAndTheFifoKeepsServing() throws Exception {
        fifos = ControlFifos.create(posix, bundle.toString());
        start();
        // one write is one read: conmon drops what follows a rejected line in the same read
        write("ctl", "1 2000 2000\n1 2 2\n");
        Thread.sleep(200);
        write("ctl", "1 1 1\n");
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> actions.size() == 1), actions::toString);
        assertEquals(List.of("resize 1x1"), actions);
        assertEquals(List.of(), running.failures());
    }

    @Test
    void fifosThatCannotBeMadeEndTheMonitorWithConmonsMessage() {
        String missing = bundle.resolve("missing").toString();
        String error = org.junit.jupiter.api.Assertions.assertThrows(io.conmonj.diag.FatalError.class,
                () -> ControlFifos.create(posix, missing)).line();
        assertTrue(error.startsWith("[conmon:e]: Failed to mkfifo at " + missing + "/ctl "), error);
    }

    @Test
    void anOldFileInTheFifosPlaceIsReplacedAndABadWinszLineIsReportedAsConmonDoes() throws Exception {
        Files.writeString(bundle.resolve("ctl"), "a plain file");
        Files.writeString(bundle.resolve("winsz"), "another");
        fifos = ControlFifos.create(posix, bundle.toString());
        try (io.conmonj.testing.DiagnosticsCapture warnings = io.conmonj.testing.DiagnosticsCapture.start()) {
            start();
            write("winsz", "7\nx y\n8 9\n");
            assertTrue(Waits.until(Duration.ofSeconds(5), () -> actions.size() == 1), actions::toString);
            assertEquals(List.of("resize 8x9"), actions);
            assertEquals(List.of("[conmon:w]: Failed to parse window size", "[conmon:w]: Failed to parse window size"),
                    warnings.lines());
        }
    }
}
