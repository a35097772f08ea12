package io.conmonj.terminal;

import io.conmonj.diag.Diagnostics;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The container's pty master (docs/behaviour.md §10): output is read from one fd, input written to a duplicate,
 * so closing "stdin" never stops the output. ONLCR is set, as conmon does; resizes apply TIOCSWINSZ.
 */
public final class Terminal {
    private final Posix posix;
    private final int output;
    private final int input;

    private Terminal(Posix posix, int output, int input) {
        this.posix = posix;
        this.output = output;
        this.input = input;
    }

    public static Terminal of(Posix posix, int master) {
        try {
            posix.setOutputNewlineTranslation(master);
        } catch (OsException e) {
            Diagnostics.warn("Failed to set console terminal settings");
        }
        return new Terminal(posix, master, posix.dup(master));
    }

    /** The fd the container's output is read from. */
    public int output() {
        return output;
    }

    /** The fd the container's input is written to. */
    public int input() {
        return input;
    }

    public void resize(int rows, int columns) {
        try {
            posix.setWindowSize(output, rows, columns);
        } catch (OsException e) {
            Diagnostics.warn("Failed to set process pty terminal size: " + e.strerror());
        }
    }
}
