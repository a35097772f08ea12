package io.conmonj.exit;

import io.conmonj.diag.FatalError;
import io.conmonj.os.Posix;

/**
 * The exit files of docs/behaviour.md §7 / §12.1: {@code <persist-dir>/exit} first, then {@code <exit-dir>/<cid>}
 * (CRI-O reacts to the second and then reads the first). Bare decimal, no newline.
 */
public final class ExitFiles {
    private final Posix posix;
    private final String persistDir;
    private final String exitDir;
    private final String cid;

    public ExitFiles(Posix posix, String persistDir, String exitDir, String cid) {
        this.posix = posix;
        this.persistDir = persistDir;
        this.exitDir = exitDir;
        this.cid = cid;
    }

    /** Writes both files; a failure ends the monitor with conmon's message (src/ctr_exit.c). */
    public void write(int exitCode) {
        String content = Integer.toString(exitCode);
        if (persistDir != null) {
            writeOne(join(persistDir, "exit"), content, "Failed to write %s to container exit file: %s");
        }
        if (exitDir != null) {
            writeOne(join(exitDir, cid), content, "Failed to write %s to exit file: %s");
        }
    }

    private void writeOne(String file, String content, String failureFormat) {
        try {
            AtomicFile.write(posix, file, content);
        } catch (AtomicFile.Failure e) {
            throw FatalError.of(String.format(failureFormat, content, e.getMessage()));
        }
    }

    /** g_build_filename of a directory and a name: one separator between them. */
    static String join(String dir, String name) {
        int end = dir.length();
        while (end > 1 && dir.charAt(end - 1) == '/') {
            end--;
        }
        String head = dir.substring(0, end);
        return head.endsWith("/") ? head + name : head + "/" + name;
    }
}
