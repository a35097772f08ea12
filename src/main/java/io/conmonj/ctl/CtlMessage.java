package io.conmonj.ctl;

import java.util.Optional;

/**
 * One line of the ctl fifo (spec §9): {@code TYPE HEIGHT WIDTH}, read as scanf's {@code %d %d %d}
 * (extra tokens ignored). Type 1 resizes the terminal, type 2 reopens the log; HEIGHT and WIDTH must
 * be within 0…1000 for both.
 */
public record CtlMessage(int type, int height, int width) {
    public static final int RESIZE = 1;
    public static final int REOPEN_LOG = 2;
    private static final int MAX_DIMENSION = 1000;

    /** The message on line (without its newline), or empty when conmon would reject it. */
    public static Optional<CtlMessage> parse(String line) {
        long[] values = new long[3];
        int pos = 0;
        for (int i = 0; i < 3; i++) {
            pos = skipSpace(line, pos);
            int start = pos;
            if (pos < line.length() && (line.charAt(pos) == '-' || line.charAt(pos) == '+')) {
                pos++;
            }
            int digits = pos;
            long value = 0;
            while (pos < line.length() && Character.isDigit(line.charAt(pos)) && line.charAt(pos) < 128) {
                value = Math.min(value * 10 + (line.charAt(pos) - '0'), Integer.MAX_VALUE + 1L);
                pos++;
            }
            if (pos == digits) {
                return Optional.empty();
            }
            values[i] = line.charAt(start) == '-' ? -value : value;
        }
        CtlMessage message = new CtlMessage((int) clamp(values[0]), (int) clamp(values[1]), (int) clamp(values[2]));
        return message.valid() ? Optional.of(message) : Optional.empty();
    }

    private boolean valid() {
        return (type == RESIZE || type == REOPEN_LOG) && inRange(height) && inRange(width);
    }

    private static boolean inRange(int dimension) {
        return dimension >= 0 && dimension <= MAX_DIMENSION;
    }

    private static long clamp(long value) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static int skipSpace(String s, int pos) {
        while (pos < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        return pos;
    }
}
