package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.stream.StreamType;

class K8sFileLogTest {
    @TempDir
    Path tmp;

    private static final Instant T = Instant.parse("2026-03-01T09:20:30.000456789Z");

    private K8sFileLog log(Path file, long sizeMax, ZoneId zone) throws Exception {
        return new K8sFileLog(file.toString(), sizeMax, -1, true, null, new LogCounters(), Clock.fixed(T, ZoneOffset.UTC), zone);
    }

    private static void write(K8sFileLog log, StreamType stream, String text) {
        log.write(stream, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void recordsAreSplitAtNewlinesWithLocalTimeAndNumericOffset() throws Exception {
        Path file = tmp.resolve("log");
        try (K8sFileLog log = log(file, -1, ZoneId.of("Europe/Berlin"))) {
            write(log, StreamType.STDOUT, "one\ntwo\nthr");
            write(log, StreamType.STDERR, "ee\n");
        }
        assertEquals("2026-03-01T10:20:30.000456789+01:00 stdout F one\n"
                + "2026-03-01T10:20:30.000456789+01:00 stdout F two\n"
                + "2026-03-01T10:20:30.000456789+01:00 stdout P thr\n"
                + "2026-03-01T10:20:30.000456789+01:00 stderr F ee\n", Files.readString(file));
    }

    @Test
    void theGlobalLimitWritesTheRecordThatReachesItWholeAndNothingAfter() throws Exception {
        Path file = tmp.resolve("log");
        // a record is its line plus a 45-byte header: 47 for "a\n", under 60, so the next one still goes in
        try (K8sFileLog log = new K8sFileLog(file.toString(), -1, 60, true, null, new LogCounters(),
                Clock.fixed(T, ZoneOffset.UTC), ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "a\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nc\n");
            write(log, StreamType.STDOUT, "d\n");
        }
        assertEquals("2026-03-01T09:20:30.000456789+00:00 stdout F a\n"
                + "2026-03-01T09:20:30.000456789+00:00 stdout F bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n",
                Files.readString(file));
    }

    @Test
    void utcHasPlusZeroOffsetAndNegativeOffsetsWork() throws Exception {
        Path utc = tmp.resolve("utc");
        try (K8sFileLog log = log(utc, -1, ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "x\n");
        }
        assertEquals("2026-03-01T09:20:30.000456789+00:00 stdout F x\n", Files.readString(utc));
        Path ny = tmp.resolve("ny");
        try (K8sFileLog log = log(ny, -1, ZoneId.of("America/St_Johns"))) {
            write(log, StreamType.STDOUT, "y\n");
        }
        assertEquals("2026-03-01T05:50:30.000456789-03:30 stdout F y\n", Files.readString(ny));
    }

    @Test
    void sizeLimitSwapsInANewFileBeforeARecordWouldOverflow() throws Exception {
        Path file = tmp.resolve("log");
        // each record "…stdout F aaaa\n" is 45 + 5 = 50 bytes
        try (K8sFileLog log = log(file, 120, ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "aaaa\nbbbb\ncccc\n");
        }
        assertEquals("2026-03-01T09:20:30.000456789+00:00 stdout F cccc\n", Files.readString(file));
        try (K8sFileLog log = log(file, 10, ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "first\nlast\n");
        }
        assertEquals("2026-03-01T09:20:30.000456789+00:00 stdout F last\n", Files.readString(file));
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path file = tmp.resolve("log");
        Files.writeString(file, "old\n");
        try (K8sFileLog log = log(file, -1, ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "new\n");
        }
        assertEquals("old\n2026-03-01T09:20:30.000456789+00:00 stdout F new\n", Files.readString(file));
    }

    @Test
    void reopenReplacesTheFileAtThePath() throws Exception {
        Path file = tmp.resolve("log");
        try (K8sFileLog log = log(file, -1, ZoneOffset.UTC)) {
            write(log, StreamType.STDOUT, "before\n");
            Files.delete(file);
            log.reopen();
            write(log, StreamType.STDOUT, "after\n");
        }
        assertEquals("2026-03-01T09:20:30.000456789+00:00 stdout F after\n", Files.readString(file));
    }
}
