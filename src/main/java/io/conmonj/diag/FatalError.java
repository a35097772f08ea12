package io.conmonj.diag;

/** Ends conmonj with exit status 1 after printing a conmon-formatted message on stderr. */
public final class FatalError extends RuntimeException {
    private final String line;

    private FatalError(String line) {
        super(line);
        this.line = line;
    }

    /** The exact line printed (without newline). */
    public String line() {
        return line;
    }

    /** conmon's nexit(): {@code [conmon:e] message}. */
    public static FatalError of(String message) {
        return new FatalError("[conmon:e] " + message);
    }

    /** conmon's nexitf(): {@code [conmon:e]: message}. */
    public static FatalError formatted(String message) {
        return new FatalError("[conmon:e]: " + message);
    }

    /** conmon's pexit(): {@code [conmon:e]: message strerror}. */
    public static FatalError withCause(String message, String strerror) {
        return new FatalError("[conmon:e]: " + message + " " + strerror);
    }

    /** A line printed verbatim, e.g. {@code conmon: Container ID not provided. Use --cid}. */
    public static FatalError verbatim(String line) {
        return new FatalError(line);
    }
}
