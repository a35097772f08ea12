package io.conmonj.ctl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.diag.Diagnostics;

/**
 * Splits what arrives on the ctl fifo into messages, as conmon does (src/ctrl.c): lines
 * accumulate in a 200-byte buffer; a longer line is dropped; a rejected line discards the rest of its
 * read chunk. Both are reported with conmon's warnings.
 */
public final class CtlLineReader {
    static final int LINE_MAX = 200;

    private final StringBuilder pending = new StringBuilder();
    private boolean overlong;

    /** The messages completed by one read chunk, in order. */
    public List<CtlMessage> accept(byte[] chunk, int length) {
        List<CtlMessage> messages = new ArrayList<>();
        String text = new String(chunk, 0, length, StandardCharsets.ISO_8859_1);
        int pos = 0;
        while (pos < text.length()) {
            int newline = text.indexOf('\n', pos);
            int end = newline < 0 ? text.length() : newline;
            pending.append(text, pos, end);
            if (pending.length() >= LINE_MAX) {
                if (!overlong) {
                    Diagnostics.warn("Could not find newline in entire buffer");
                }
                overlong = true;
                pending.setLength(0);
            }
            if (newline < 0) {
                break;
            }
            pos = newline + 1;
            String line = pending.toString();
            boolean dropped = overlong;
            pending.setLength(0);
            overlong = false;
            if (dropped) {
                continue;
            }
            CtlMessage.Parsed parsed = CtlMessage.check(line);
            if (parsed.message() == null) {
                Diagnostics.warn(parsed.warning());
                break; // conmon discards the rest of the chunk
            }
            messages.add(parsed.message());
        }
        return messages;
    }
}
