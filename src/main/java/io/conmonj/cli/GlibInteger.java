package io.conmonj.cli;

import java.math.BigInteger;

/** Integer option values as GLib reads them: strtol/strtoll with base 0 (hex 0x.., octal 0..), nothing trailing. */
final class GlibInteger {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GlibInteger() {
    }

    static int parseInt(String value, String optionName) throws OptionParsingException {
        long v = parseLong(value, optionName);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(value, optionName);
        }
        return (int) v;
    }

    static long parseLong(String value, String optionName) throws OptionParsingException {
        int i = 0;
        int n = value.length();
        while (i < n && isSpace(value.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
            negative = value.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && value.charAt(i) == '0' && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(value.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && value.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        while (i < n && Character.digit(value.charAt(i), radix) >= 0 && value.charAt(i) < 128) {
            i++;
        }
        if (i == start || i != n) {
            throw new OptionParsingException("Cannot parse integer value \u201c" + value + "\u201d for " + optionName);
        }
        BigInteger magnitude = new BigInteger(value.substring(start, i), radix);
        BigInteger result = negative ? magnitude.negate() : magnitude;
        if (result.compareTo(LONG_MIN) < 0 || result.compareTo(LONG_MAX) > 0) {
            throw outOfRange(value, optionName);
        }
        return result.longValue();
    }

    private static OptionParsingException outOfRange(String value, String optionName) {
        return new OptionParsingException("Integer value \u201c" + value + "\u201d for " + optionName + " out of range");
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
