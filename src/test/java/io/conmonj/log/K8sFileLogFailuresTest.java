package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.stream.StreamType;
import io.conmonj.testing.DiagnosticsCapture;

/** A log that cannot be written never stops the container: each failure is said once, in conmon's words. */
class K8sFileLogFailuresTest {
    @TempDir
    Path tmp;

    private final LogCounters counters = new LogCounters();

    private K8sFileLog log(String path) throws Exception {
        return new K8sFileLog(path, -1, -1, true, null, counters, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static void write(K8sFileLog log, String text) {
        log.write(StreamType.STDOUT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullDiskIsReportedOnceAndTheLossCountedAtExit() throws Exception {
        try (DiagnosticsCapture warnings = DiagnosticsCapture.start(); K8sFileLog log = log("/dev/full")) {
            write(log, "a\n");
            write(log, "b\n");
            assertEquals(List.of("[conmon:w]: failed to flush buffer to log"), warnings.lines());
            assertEquals(2, counters.writeErrors.get());
            long lost = counters.lostBytes.get();
            assertEquals(2 * (K8sFileLog.RECORD_OVERHEAD + "a\n".length()), lost);
            log.sync();
            assertEquals("[conmon:w]: Lost " + lost + " bytes of container output that could not be written to /dev/full",
                    warnings.lines().get(1));
            assertTrue(warnings.lines().get(2).startsWith("[conmon:w]: Failed to sync log file before exit: "),
                    warnings.lines().get(2));
        }
    }

    @Test
    void aReopenThatCannotCreateTheFileKeepsTheOldOneAndSaysSoOnce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("gone"));
        Path file = dir.resolve("ctr.log");
        try (DiagnosticsCapture warnings = DiagnosticsCapture.start(); K8sFileLog log = log(file.toString())) {
            write(log, "kept\n");
            Files.delete(file);
            Files.delete(dir);
            log.reopen();
            log.reopen();
            assertEquals(List.of("[conmon:w]: Failed to open log file " + file + " No such file or directory"),
                    warnings.lines());
            write(log, "still written\n");
            assertEquals(0, counters.lostBytes.get());
            assertEquals(0, counters.truncations.get());
        }
    }

    @Test
    void aReopenReplacesTheFileWithAnEmptyOne() throws Exception {
        Path file = tmp.resolve("ctr.log");
        try (K8sFileLog log = log(file.toString())) {
            write(log, "old\n");
            log.reopen();
            assertEquals(0, Files.size(file));
            write(log, "new\n");
        }
        assertTrue(Files.readString(file).endsWith(" stdout F new\n"));
        assertEquals(1, counters.truncations.get());
        assertEquals(List.of("ctr.log"), Files.list(tmp).map(p -> p.getFileName().toString()).toList());
    }
}
