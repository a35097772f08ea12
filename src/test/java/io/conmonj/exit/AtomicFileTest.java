package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.os.Posix;

class AtomicFileTest {
    private static final Posix POSIX = Posix.load();

    @TempDir
    Path tmp;

    @Test
    void writesExactContentWithMode0644AndLeavesNoTempFile() throws Exception {
        Path target = tmp.resolve("exit");
        AtomicFile.write(POSIX, target.toString(), "137");
        AtomicFile.write(POSIX, target.toString(), "-1");
        assertEquals("-1", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(1, fileCount());
    }

    @Test
    void failuresCarryGlibsMessagesAndTheErrno() throws Exception {
        Files.createDirectory(tmp.resolve("dir"));
        AtomicFile.Failure onDirectory = assertThrows(AtomicFile.Failure.class,
                () -> AtomicFile.write(POSIX, tmp.resolve("dir").toString(), "1"));
        assertTrue(onDirectory.getMessage().matches("Failed to rename file \u201c" + tmp + "/dir\\.[A-Za-z0-9]{6}\u201d to \u201c"
                + tmp + "/dir\u201d: g_rename\\(\\) failed: Is a directory"), onDirectory.getMessage());
        assertEquals(21, onDirectory.errno());
        assertEquals(0, fileCount(), "the temp file is removed");

        AtomicFile.Failure missing = assertThrows(AtomicFile.Failure.class,
                () -> AtomicFile.write(POSIX, tmp + "/missing/p", "1"));
        assertTrue(missing.getMessage().matches("Failed to create file \u201c" + tmp
                + "/missing/p\\.[A-Za-z0-9]{6}\u201d: No such file or directory"), missing.getMessage());
        assertEquals(Posix.ENOENT, missing.errno());
    }

    @Test
    void theEmptyPathIsNotTheWorkingDirectory() {
        // the temp file ".XXXXXX" is made (in the working directory) and removed; rename(2) to "" fails
        AtomicFile.Failure empty = assertThrows(AtomicFile.Failure.class, () -> AtomicFile.write(POSIX, "", "1"));
        assertTrue(empty.getMessage().matches("Failed to rename file \u201c\\.[A-Za-z0-9]{6}\u201d to \u201c\u201d: "
                + "g_rename\\(\\) failed: No such file or directory"), empty.getMessage());
    }

    private long fileCount() throws Exception {
        try (var files = Files.list(tmp)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
