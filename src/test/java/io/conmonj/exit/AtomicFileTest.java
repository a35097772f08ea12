package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path tmp;

    @Test
    void writesExactContentWithMode0644AndLeavesNoTempFile() throws Exception {
        Path target = tmp.resolve("exit");
        AtomicFile.write(target, "137");
        AtomicFile.write(target, "-1");
        assertEquals("-1", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
    }
}
