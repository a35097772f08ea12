package io.conmonj.exit;

/** How a process ended, from its raw wait status (docs/behaviour.md §12.2). */
public record ExitStatus(int code, int signal) {

    public static ExitStatus fromWaitStatus(int status) {
        int termSignal = status & 0x7f;
        if (termSignal == 0) {
            return new ExitStatus((status >> 8) & 0xff, 0);
        }
        if (termSignal != 0x7f) {
            return new ExitStatus(128 + termSignal, termSignal);
        }
        return new ExitStatus(-1, 0);
    }

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }
}
