package io.conmonj.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** /proc/self/oom_score_adj (docs/behaviour.md §12.8); failures are not fatal, an unprivileged monitor keeps its score. */
public final class OomScoreAdj {
    private static final Path SELF = Path.of("/proc/self/oom_score_adj");

    private OomScoreAdj() {
    }

    public static String read() {
        try {
            return new String(Files.readAllBytes(SELF), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean write(String value) {
        if (value == null) {
            return false;
        }
        try {
            Files.write(SELF, value.getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
