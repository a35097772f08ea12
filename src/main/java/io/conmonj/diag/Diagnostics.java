package io.conmonj.diag;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * conmon's own messages on stderr ({@code [conmon:w]: ...}), always UTF-8 whatever the locale.
 * After daemonizing stderr is /dev/null, as with conmon.
 */
public final class Diagnostics {
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private static volatile LogLevel level = LogLevel.WARN;

    private Diagnostics() {
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    public static void line(String text) {
        STDERR.println(text);
    }

    public static void warn(String message) {
        emit(LogLevel.WARN, 'w', message);
    }

    public static void info(String message) {
        emit(LogLevel.INFO, 'i', message);
    }

    public static void debug(String message) {
        emit(LogLevel.DEBUG, 'd', message);
    }

    private static void emit(LogLevel at, char tag, String message) {
        if (level.compareTo(at) >= 0) {
            STDERR.println("[conmon:" + tag + "]: " + message);
        }
    }
}
