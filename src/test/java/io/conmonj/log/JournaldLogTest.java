package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.stream.StreamType;
import io.conmonj.os.Posix;
import io.conmonj.testing.DiagnosticsCapture;

/** Entries as the journal receives them (conmon: src/ctr_logging.c write_journald), on a datagram socket standing in for journald's. */
class JournaldLogTest {
    private static final Posix POSIX = Posix.load();
    private static final String CID = "0123456789abcdef0123";

    @TempDir
    Path tmp;
    private int journal = -1;

    @AfterEach
    void closeJournal() {
        if (journal >= 0) {
            POSIX.close(journal);
        }
    }

    private JournaldLog log(String name, String tag, List<String> labels, boolean partialFlag) {
        journal = POSIX.bindInDirectory(Posix.SOCK_DGRAM, tmp.toString(), "journal", 0600);
        return new JournaldLog(POSIX, tmp.resolve("journal").toString(),
                new JournaldLog.Identity(CID, name, tag, labels, partialFlag), new LogCounters());
    }

    private static void write(JournaldLog log, StreamType stream, String text) {
        log.write(stream, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The entries sent so far, each as its fields in order. */
    private List<Map<String, String>> entries() {
        List<Map<String, String>> entries = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        while (POSIX.poll(new int[] {journal}, new short[] {Posix.POLLIN}, 100).length > 0) {
            buffer.clear();
            int n = POSIX.read(journal, buffer);
            byte[] datagram = new byte[n];
            buffer.flip().get(datagram);
            entries.add(fields(datagram));
        }
        return entries;
    }

    /** The journal's native protocol: NAME=value\n, or NAME\n, a 64-bit little-endian length, the value, \n. */
    private static Map<String, String> fields(byte[] d) {
        Map<String, String> fields = new LinkedHashMap<>();
        int at = 0;
        while (at < d.length) {
            int end = at;
            while (d[end] != '=' && d[end] != '\n') {
                end++;
            }
            String name = new String(d, at, end - at, StandardCharsets.US_ASCII);
            if (d[end] == '=') {
                int nl = end + 1;
                while (d[nl] != '\n') {
                    nl++;
                }
                fields.put(name, new String(d, end + 1, nl - end - 1, StandardCharsets.ISO_8859_1));
                at = nl + 1;
            } else {
                long length = ByteBuffer.wrap(d, end + 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                int value = end + 9;
                fields.put(name, new String(d, value, (int) length, StandardCharsets.ISO_8859_1));
                assertEquals('\n', d[value + (int) length]);
                at = value + (int) length + 1;
            }
        }
        return fields;
    }

    @Test
    void oneEntryPerLineWithTheContainersFieldsInConmonsOrder() {
        try (JournaldLog log = log("web", null, List.of("A=1", "B=x=y"), true)) {
            write(log, StreamType.STDOUT, "hello\nwor");
            write(log, StreamType.STDERR, "oops\n");
            write(log, StreamType.STDOUT, "ld\n");
        }
        List<Map<String, String>> entries = entries();
        assertEquals(3, entries.size());
        Map<String, String> first = entries.get(0);
        assertEquals(List.of("MESSAGE", "CONTAINER_ID_FULL", "PRIORITY", "CONTAINER_ID", "CONTAINER_NAME",
                "SYSLOG_IDENTIFIER", "A", "B"), List.copyOf(first.keySet()));
        assertEquals("hello\n", first.get("MESSAGE"));
        assertEquals(CID, first.get("CONTAINER_ID_FULL"));
        assertEquals("0123456789ab", first.get("CONTAINER_ID"));
        assertEquals("6", first.get("PRIORITY"));
        assertEquals("web", first.get("SYSLOG_IDENTIFIER"));
        assertEquals("x=y", first.get("B"));
        assertEquals("oops\n", entries.get(1).get("MESSAGE"));
        assertEquals("3", entries.get(1).get("PRIORITY"));
        assertEquals("world\n", entries.get(2).get("MESSAGE"));
    }

    @Test
    void aLeadingPriorityPrefixOfAFreshLineSetsThePriority() {
        try (JournaldLog log = log(null, "tag", List.of(), true)) {
            write(log, StreamType.STDOUT, "<4>warn\n<7>\n<8>eight\nx<3>y\n<0");
            write(log, StreamType.STDOUT, ">zero\n<5");
            write(log, StreamType.STDERR, "<6>out\n");
        }
        List<Map<String, String>> e = entries();
        assertEquals(List.of("warn\n", "\n", "<8>eight\n", "x<3>y\n", "<0>zero\n", "out\n"),
                e.stream().map(f -> f.get("MESSAGE")).toList());
        assertEquals(List.of("4", "7", "6", "6", "6", "6"), e.stream().map(f -> f.get("PRIORITY")).toList());
        assertEquals("tag", e.get(0).get("SYSLOG_IDENTIFIER"));
        assertEquals("tag", e.get(0).get("CONTAINER_TAG"));
    }

    @Test
    void aLineLongerThanTheBufferGoesOutInPartialEntries() {
        String longLine = "y".repeat(2 * JournaldLog.LINE_BUFFER + 10);
        try (JournaldLog log = log(null, null, List.of(), true)) {
            write(log, StreamType.STDOUT, "<2>" + longLine + "\n");
            write(log, StreamType.STDOUT, "tail");
            log.sync();
        }
        List<Map<String, String>> e = entries();
        assertEquals(3, e.size());
        assertEquals("true", e.get(0).get("CONTAINER_PARTIAL_MESSAGE"));
        assertEquals("2", e.get(0).get("PRIORITY"));
        assertEquals("2", e.get(1).get("PRIORITY"), "the rest of the line keeps its priority");
        assertEquals(null, e.get(1).get("CONTAINER_PARTIAL_MESSAGE"));
        assertEquals(longLine + "\n", e.get(0).get("MESSAGE") + e.get(1).get("MESSAGE"));
        assertEquals("tail", e.get(2).get("MESSAGE"), "at exit a line in progress goes out");
        assertEquals("true", e.get(2).get("CONTAINER_PARTIAL_MESSAGE"));
        assertEquals("0123456789ab", e.get(2).get("SYSLOG_IDENTIFIER"));
    }

    @Test
    void withoutThePartialFlagPartialEntriesAreNotMarked() {
        try (JournaldLog log = log(null, null, List.of(), false)) {
            write(log, StreamType.STDERR, "half");
            log.sync();
        }
        Map<String, String> e = entries().get(0);
        assertEquals("half", e.get("MESSAGE"));
        assertTrue(!e.containsKey("CONTAINER_PARTIAL_MESSAGE"));
    }

    @Test
    void aMissingJournalIsReportedOnceAndTheComebackWithTheLoss() {
        try (DiagnosticsCapture warnings = DiagnosticsCapture.start(); JournaldLog log = log(null, null, List.of(), true)) {
            POSIX.close(journal);
            journal = -1;
            write(log, StreamType.STDOUT, "lost\nlost too\n");
            assertEquals(List.of("[conmon:w]: sd_journal_sendv: Connection refused"), warnings.lines());
            journal = POSIX.bindInDirectory(Posix.SOCK_DGRAM, tmp.toString(), "journal", 0600);
            write(log, StreamType.STDOUT, "back\n");
            assertEquals(2, warnings.lines().size());
            assertTrue(warnings.lines().get(1).contains(" 14 bytes of output were lost"), warnings.lines().get(1));
            assertEquals("back\n", entries().get(0).get("MESSAGE"));
        }
    }
}
