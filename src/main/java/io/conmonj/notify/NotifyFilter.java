package io.conmonj.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sd_notify lines the proxy passes to the host (docs/behaviour.md §15): the state changes and status a
 * container may report; never MAINPID (the manager sends its own) or anything else.
 */
public final class NotifyFilter {
    private static final List<String> EXACT = List.of("READY=1", "RELOADING=1", "STOPPING=1", "WATCHDOG=1",
            "WATCHDOG=trigger");
    private static final List<String> PREFIXES = List.of("STATUS=", "ERRNO=", "BUSERROR=", "MONOTONIC_USEC=");

    private NotifyFilter() {
    }

    /** The kept lines of one datagram joined with '\n', or null when nothing is kept. */
    public static byte[] filter(byte[] datagram, int length) {
        String text = new String(datagram, 0, length, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (String line : text.split("[\n\r]")) {
            if (EXACT.contains(line) || PREFIXES.stream().anyMatch(line::startsWith)) {
                kept.add(line);
            }
        }
        return kept.isEmpty() ? null : String.join("\n", kept).getBytes(StandardCharsets.UTF_8);
    }
}
