package io.conmonj.exit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a small file so that readers see either nothing or the whole content: a temp file
 * {@code <name>.XXXXXX} in the same directory, mode 0644, renamed over the target (as GLib's
 * g_file_set_contents). The temp name comes from a plain random source: Files.createTempFile
 * seeds SecureRandom, ~40 ms on every start.
 */
public final class AtomicFile {
    private static final FileAttribute<Set<PosixFilePermission>> MODE_0644 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private AtomicFile() {
    }

    public static void write(Path target, String content) throws IOException {
        Path tmp = createTemp(target);
        try {
            Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static Path createTemp(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            StringBuilder name = new StringBuilder(absolute.getFileName().toString()).append('.');
            for (int i = 0; i < 6; i++) {
                name.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
            }
            Path tmp = absolute.resolveSibling(name.toString());
            try {
                Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), MODE_0644).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
