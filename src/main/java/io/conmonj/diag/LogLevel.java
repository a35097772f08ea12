package io.conmonj.diag;

import java.util.Optional;

/** conmon's own verbosity (--log-level). */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** conmon's level names, compared as strcasecmp does (ASCII letters only; src/utils.c set_conmon_logs). */
    public static Optional<LogLevel> parse(String name) {
        return switch (asciiLowerCase(name)) {
            case "error", "fatal", "panic" -> Optional.of(ERROR);
            case "warn", "warning" -> Optional.of(WARN);
            case "info" -> Optional.of(INFO);
            case "debug" -> Optional.of(DEBUG);
            case "trace" -> Optional.of(TRACE);
            default -> Optional.empty();
        };
    }

    private static String asciiLowerCase(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }
}
