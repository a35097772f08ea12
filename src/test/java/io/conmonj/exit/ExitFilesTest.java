package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.diag.FatalError;
import io.conmonj.os.Posix;

class ExitFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesBothFilesJoinedAsGBuildFilename() throws Exception {
        Files.createDirectories(tmp.resolve("persist"));
        Files.createDirectories(tmp.resolve("exits"));
        new ExitFiles(Posix.load(), tmp + "/persist/", tmp + "/exits", "ctr").write(137);
        assertEquals("137", Files.readString(tmp.resolve("persist/exit")));
        assertEquals("137", Files.readString(tmp.resolve("exits/ctr")));
        assertEquals("/exit", ExitFiles.join("/", "exit"));
        assertEquals("/a/exit", ExitFiles.join("/a//", "exit"));
    }

    @Test
    void aFailureNamesWhichFileWithGlibsMessage() {
        String persist = assertThrows(FatalError.class,
                () -> new ExitFiles(Posix.load(), tmp + "/missing", null, "ctr").write(1)).line();
        assertTrue(persist.startsWith("[conmon:e]: Failed to write 1 to container exit file: Failed to create file \u201c"
                + tmp + "/missing/exit."), persist);
        String exitDir = assertThrows(FatalError.class,
                () -> new ExitFiles(Posix.load(), null, tmp + "/missing", "ctr").write(1)).line();
        assertTrue(exitDir.startsWith("[conmon:e]: Failed to write 1 to exit file: Failed to create file"), exitDir);
    }
}
