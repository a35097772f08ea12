package io.conmonj.diag;

import java.util.Locale;
import java.util.Optional;

/** conmon's own verbosity (--log-level). */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** Parses conmon's (logrus) level names, case-insensitively. */
    public static Optional<LogLevel> parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "error": case "fatal": case "panic": return Optional.of(ERROR);
            case "warn": case "warning": return Optional.of(WARN);
            case "info": return Optional.of(INFO);
            case "debug": return Optional.of(DEBUG);
            case "trace": return Optional.of(TRACE);
            default: return Optional.empty();
        }
    }
}
