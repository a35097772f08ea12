package io.conmonj.exit;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Writes a small file so that readers see either nothing or the whole content, as GLib's
 * g_file_set_contents does for conmon (its pid file in src/conmon.c, the exit files in src/ctr_exit.c):
 * a temp file {@code <path>.XXXXXX} (mode 0666 less the umask) renamed over the target, with the path
 * exactly as given (relative, empty, with a trailing slash), and GLib's error texts. The temp name
 * comes from a plain random source: SecureRandom costs ~40 ms on every start.
 */
public final class AtomicFile {
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ATTEMPTS = 100;

    /** A failed write: GLib's error message and the errno conmon prints after it. */
    public static final class Failure extends Exception {
        private final int errno;

        Failure(String glibMessage, int errno) {
            super(glibMessage);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    private AtomicFile() {
    }

    public static void write(Posix posix, String path, String content) throws Failure {
        String tmp = null;
        int fd = -1;
        for (int attempt = 0; fd < 0; attempt++) {
            tmp = path + "." + randomLetters();
            try {
                fd = posix.open(tmp, Posix.O_RDWR | Posix.O_CREAT | Posix.O_EXCL | Posix.O_CLOEXEC, 0666);
            } catch (OsException e) {
                if (e.errno() != Posix.EEXIST || attempt + 1 >= ATTEMPTS) {
                    throw new Failure("Failed to create file \u201c" + tmp + "\u201d: " + e.strerror(), e.errno());
                }
            }
        }
        try {
            posix.writeFully(fd, content.getBytes(StandardCharsets.UTF_8));
        } catch (OsException e) {
            posix.unlink(tmp);
            throw new Failure("Failed to write file \u201c" + tmp + "\u201d: write() failed: " + e.strerror(), e.errno());
        } finally {
            posix.close(fd);
        }
        try {
            posix.rename(tmp, path);
        } catch (OsException e) {
            posix.unlink(tmp);
            throw new Failure("Failed to rename file \u201c" + tmp + "\u201d to \u201c" + path + "\u201d: g_rename() failed: "
                    + e.strerror(), e.errno());
        }
    }

    private static String randomLetters() {
        StringBuilder letters = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            letters.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return letters.toString();
    }
}
