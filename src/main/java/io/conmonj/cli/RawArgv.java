package io.conmonj.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line as the bytes the caller passed, which GLib parses: main's String[] is the JVM's
 * decoding of them in the locale's charset, where what it cannot decode is lost. They are the last
 * elements of /proc/self/cmdline (the launcher puts them at the end of the JVM's own command line).
 */
public final class RawArgv {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private RawArgv() {
    }

    public static List<byte[]> of(String[] args) {
        try {
            return tail(Files.readAllBytes(CMDLINE), args, Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
        } catch (IOException | IllegalArgumentException e) {
            return utf8(args);
        }
    }

    /** The last args.length NUL-terminated elements of cmdline, if they decode to args; else args in UTF-8. */
    static List<byte[]> tail(byte[] cmdline, String[] args, Charset decoding) {
        List<byte[]> elements = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                elements.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (elements.size() < args.length) {
            return utf8(args);
        }
        List<byte[]> tail = elements.subList(elements.size() - args.length, elements.size());
        for (int i = 0; i < args.length; i++) {
            if (!new String(tail.get(i), decoding).equals(args[i])) {
                return utf8(args);
            }
        }
        return List.copyOf(tail);
    }

    private static List<byte[]> utf8(String[] args) {
        return Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
