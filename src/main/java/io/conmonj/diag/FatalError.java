package io.conmonj.diag;

/**
 * Ends conmonj with exit status 1 after printing a conmon-formatted message on stderr. conmon 2.2
 * prints every fatal form with the colon (src/utils.h nexit, nexitf, pexit, pexitf); conmon before 2.2
 * left it out for nexit.
 */
public final class FatalError extends RuntimeException {
    private final String line;
    private final String message;

    private FatalError(String line, String message) {
        super(line);
        this.line = line;
        this.message = message;
    }

    /** The exact line printed (without newline). */
    public String line() {
        return line;
    }

    /** The message without conmon's stderr prefix (for syslog). */
    public String message() {
        return message;
    }

    /** conmon's nexit()/nexitf(): {@code [conmon:e]: message}. */
    public static FatalError of(String message) {
        return new FatalError("[conmon:e]: " + message, message);
    }

    /** conmon's pexit()/pexitf(): {@code [conmon:e]: message strerror}. */
    public static FatalError withCause(String message, String strerror) {
        return new FatalError("[conmon:e]: " + message + " " + strerror, message + ": " + strerror);
    }

    /** A line printed verbatim, e.g. {@code conmon: Container ID not provided. Use --cid}. */
    public static FatalError verbatim(String line) {
        return new FatalError(line, line);
    }
}
