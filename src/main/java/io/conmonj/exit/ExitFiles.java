package io.conmonj.exit;

import java.io.IOException;
import java.nio.file.Path;

import io.conmonj.diag.FatalError;
import io.conmonj.os.IoErrors;

/**
 * The exit files of spec §7 / §12.1: {@code <persist-dir>/exit} first, then {@code <exit-dir>/<cid>}
 * (CRI-O reacts to the second and then reads the first). Bare decimal, no newline.
 */
public final class ExitFiles {
    private final String persistDir;
    private final String exitDir;
    private final String cid;

    public ExitFiles(String persistDir, String exitDir, String cid) {
        this.persistDir = persistDir;
        this.exitDir = exitDir;
        this.cid = cid;
    }

    public void write(int exitCode) {
        String content = Integer.toString(exitCode);
        if (persistDir != null) {
            writeOne(Path.of(persistDir, "exit"), content);
        }
        if (exitDir != null) {
            writeOne(Path.of(exitDir, cid), content);
        }
    }

    private static void writeOne(Path file, String content) {
        try {
            AtomicFile.write(file, content);
        } catch (IOException e) {
            throw FatalError.withCause("Failed to write " + content + " to exit file", IoErrors.strerror(e));
        }
    }
}
