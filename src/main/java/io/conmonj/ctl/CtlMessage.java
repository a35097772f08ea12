package io.conmonj.ctl;

import java.util.Optional;

/**
 * One line of the ctl fifo (src/ctrl.c): {@code TYPE HEIGHT WIDTH}, read as glibc's
 * {@code sscanf(line, "%d %d %d")} reads it (extra tokens ignored; a number too big for a long
 * saturates, then keeps its low 32 bits as the int it is stored in). Type 1 resizes the terminal,
 * type 2 reopens the log; HEIGHT and WIDTH must be within 0…1000 for both (src/ctrl.c).
 */
public record CtlMessage(int type, int height, int width) {
    public static final int RESIZE = 1;
    public static final int REOPEN_LOG = 2;
    private static final int MAX_DIMENSION = 1000;

    /** A line's outcome: its message, or conmon's warning for rejecting it; exactly one is set. */
    public record Parsed(CtlMessage message, String warning) {
    }

    /** The message on line (without its newline), or empty when conmon would reject it. */
    public static Optional<CtlMessage> parse(String line) {
        return Optional.ofNullable(check(line).message());
    }

    public static Parsed check(String line) {
        int[] values = new int[3];
        int pos = 0;
        for (int i = 0; i < 3; i++) {
            pos = skipSpace(line, pos);
            boolean negative = pos < line.length() && line.charAt(pos) == '-';
            if (pos < line.length() && (line.charAt(pos) == '-' || line.charAt(pos) == '+')) {
                pos++;
            }
            int digits = pos;
            long magnitude = 0;
            boolean overflow = false;
            while (pos < line.length() && line.charAt(pos) >= '0' && line.charAt(pos) <= '9') {
                int digit = line.charAt(pos) - '0';
                overflow |= magnitude > (Long.MAX_VALUE - digit) / 10;
                magnitude = magnitude * 10 + digit;
                pos++;
            }
            if (pos == digits) {
                return new Parsed(null, "Invalid control message format");
            }
            // strtol saturates (-2^63 fits only as a negative); the int gets the long's low 32 bits
            long value = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -magnitude : magnitude);
            values[i] = (int) value;
        }
        CtlMessage message = new CtlMessage(values[0], values[1], values[2]);
        if (message.type != RESIZE && message.type != REOPEN_LOG) {
            return new Parsed(null, "Invalid control message type: " + message.type);
        }
        if (!inRange(message.height) || !inRange(message.width)) {
            return new Parsed(null, "Invalid window size: " + message.height + "x" + message.width
                    + " (must be between 0 and 1000)");
        }
        return new Parsed(message, null);
    }

    private static boolean inRange(int dimension) {
        return dimension >= 0 && dimension <= MAX_DIMENSION;
    }

    /** isspace(3) in the C locale. */
    private static int skipSpace(String s, int pos) {
        while (pos < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        return pos;
    }
}
