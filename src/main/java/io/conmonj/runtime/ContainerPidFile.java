package io.conmonj.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The pid the runtime wrote to --pid-file, read like atoi(3). */
public final class ContainerPidFile {
    private ContainerPidFile() {
    }

    public static OptionalInt read(String path) {
        String text;
        try {
            text = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(atoi(text));
    }

    static int atoi(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return (int) (negative ? -v : v);
    }
}
