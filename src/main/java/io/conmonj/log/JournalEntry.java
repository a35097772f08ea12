package io.conmonj.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One entry in the journal's native protocol: {@code NAME=value\n} per field, or, for a value
 * containing a newline, {@code NAME\n}, its length as 64-bit little endian, the value and {@code \n}.
 */
final class JournalEntry {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    JournalEntry field(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return field(name, bytes, 0, bytes.length);
    }

    JournalEntry field(String name, byte[] value, int offset, int length) {
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if (contains(value, offset, length, (byte) '\n')) {
            out.write('\n');
            long n = length;
            for (int i = 0; i < Long.BYTES; i++) {
                out.write((int) (n >>> (8 * i)) & 0xff);
            }
        } else {
            out.write('=');
        }
        out.write(value, offset, length);
        out.write('\n');
        return this;
    }

    private static boolean contains(byte[] data, int offset, int length, byte b) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == b) {
                return true;
            }
        }
        return false;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
