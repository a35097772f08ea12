package io.conmonj.cli;

/** A command line GLib would reject; the message is GLib's own text. */
public final class OptionParsingException extends Exception {
    public OptionParsingException(String glibMessage) {
        super(glibMessage);
    }

    /** What conmon prints for it (then exits 1). */
    public String line() {
        return "conmon: option parsing failed: " + getMessage();
    }
}
