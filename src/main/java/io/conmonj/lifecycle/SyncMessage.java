package io.conmonj.lifecycle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The JSON lines of the sync and attach pipes (docs/behaviour.md §6.1): {@code {"KEY": N}\n} or
 * {@code {"KEY": N, "message": "TEXT"}\n}, with conmon's escaping. The text is raw bytes:
 * bytes >= 0x80 are copied as they are.
 */
public final class SyncMessage {
    private SyncMessage() {
    }

    public static byte[] format(String key, int value, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"" + key + "\": " + value).getBytes(StandardCharsets.UTF_8));
        if (message != null && message.length > 0) {
            out.writeBytes(", \"message\": \"".getBytes(StandardCharsets.US_ASCII));
            escape(message, out);
            out.write('"');
        }
        out.writeBytes("}\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void escape(byte[] text, ByteArrayOutputStream out) {
        for (byte b : text) {
            int c = b & 0xff;
            switch (c) {
                case '"': out.write('\\'); out.write('"'); break;
                case '\\': out.write('\\'); out.write('\\'); break;
                case '/': out.write('\\'); out.write('/'); break;
                case '\n': out.write('\\'); out.write('n'); break;
                case '\r': out.write('\\'); out.write('r'); break;
                case '\t': out.write('\\'); out.write('t'); break;
                case '\b': out.write('\\'); out.write('b'); break;
                case '\f': out.write('\\'); out.write('f'); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.writeBytes(String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(c);
                    }
            }
        }
    }
}
