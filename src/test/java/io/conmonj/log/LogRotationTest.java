package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.stream.StreamType;

class LogRotationTest {
    @TempDir
    Path tmp;

    private static void line(K8sFileLog log, String text) {
        log.write(StreamType.STDOUT, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String content(Path file) throws Exception {
        String text = Files.readString(file);
        return text.isEmpty() ? "" : text.substring(text.indexOf(" F ") + 3).trim();
    }

    /** Writes line-1 … line-count to tmp/ctr.log with a 60-byte limit and backups kept; returns the file. */
    private Path rotatedLog(int backups, int count) throws Exception {
        Path file = tmp.resolve("ctr.log");
        // each record is 45 + 7 bytes: one per file with a 60-byte limit
        try (K8sFileLog log = new K8sFileLog(file.toString(), 60, -1, false, new LogRotation(backups, List.of()), new LogCounters())) {
            for (int i = 1; i <= count; i++) {
                line(log, "line-" + i);
            }
        }
        return file;
    }

    @Test
    void theSizeLimitRotatesAndKeepsExactlyMaxFilesBackups() throws Exception {
        Path file = rotatedLog(2, 5);
        assertEquals("line-5", content(file));
        assertEquals("line-4", content(tmp.resolve("ctr.log.1")));
        assertEquals("line-3", content(tmp.resolve("ctr.log.2")));
        assertFalse(Files.exists(tmp.resolve("ctr.log.3")), "exactly 2 backups");
        assertFalse(Files.exists(tmp.resolve("ctr.log.new")));
    }

    @Test
    void oneBackupMeansOne() throws Exception {
        rotatedLog(1, 4);
        assertEquals("line-3", content(tmp.resolve("ctr.log.1")));
        assertFalse(Files.exists(tmp.resolve("ctr.log.2")));
    }

    @Test
    void reopenRotatesTooAndTheBackupHoldsThePreviousContent() throws Exception {
        Path file = tmp.resolve("ctr.log");
        try (K8sFileLog log = new K8sFileLog(file.toString(), -1, -1, false, new LogRotation(3, List.of()), new LogCounters())) {
            line(log, "before");
            log.reopen();
            line(log, "after");
        }
        assertEquals("after", content(file));
        assertEquals("before", content(tmp.resolve("ctr.log.1")));
    }

    @Test
    void unsafePathsAreNotRotatedWithConmonsWarnings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Path real = dir.resolve("real.log");
        Files.writeString(real, "");
        Path link = dir.resolve("link.log");
        Files.createSymbolicLink(link, real);
        LogRotation rotation = new LogRotation(1, List.of());
        assertEquals("Log path is a symbolic link", rotation.check(link));
        assertEquals("Invalid log path for rotation", rotation.check(Path.of(dir + "/../logs/real.log")));
        assertNull(rotation.check(real));
        // the parent is judged only when the file is absent, as in conmon
        Path absent = dir.resolve("absent.log");
        Path other = Files.createDirectories(tmp.resolve("other"));
        assertEquals("Parent directory not in allowlist", new LogRotation(1, List.of(other.toString())).check(absent));
        assertNull(new LogRotation(1, List.of(other.toString())).check(real));
        assertNull(new LogRotation(1, List.of(dir.toString())).check(absent));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals("Parent directory is world-writable, security risk: " + dir, rotation.check(absent));
        assertNull(rotation.check(real));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path linkedDir = Files.createSymbolicLink(tmp.resolve("linked"), dir);
        assertNull(rotation.check(linkedDir.resolve("absent.log")));
    }

    @Test
    void anUnsafePathIsReportedOnceWhileItStaysUnsafe() throws Exception {
        Path real = Files.writeString(tmp.resolve("real.log"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link.log"), real);
        LogRotation rotation = new LogRotation(1, List.of());
        try (io.conmonj.testing.DiagnosticsCapture warnings = io.conmonj.testing.DiagnosticsCapture.start();
             java.nio.channels.FileChannel current = java.nio.channels.FileChannel.open(real,
                     java.nio.file.StandardOpenOption.WRITE)) {
            assertNull(rotation.rotate(link, current));
            assertNull(rotation.rotate(link, current));
            assertEquals(List.of("[conmon:w]: Log path is a symbolic link"), warnings.lines());
            try (java.nio.channels.FileChannel fresh = rotation.rotate(real, current)) {
                assertNotNull(fresh, "a safe path rotates");
            }
            assertNull(rotation.rotate(link, current));
            assertEquals(2, warnings.lines().size(), "said again once it is unsafe again");
        }
    }
}
