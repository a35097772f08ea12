package io.conmonj.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.DiagnosticsCapture;

class CtlMessageTest {
    @Test
    void acceptsWhatScanfWouldWithinBounds() {
        assertEquals(Optional.of(new CtlMessage(1, 10, 20)), CtlMessage.parse("1 10 20"));
        assertEquals(Optional.of(new CtlMessage(1, 2, 2)), CtlMessage.parse("1 2 2 3"));
        assertEquals(Optional.of(new CtlMessage(1, 1000, 7)), CtlMessage.parse("  1\t01000  007"));
        assertEquals(Optional.of(new CtlMessage(2, 0, 0)), CtlMessage.parse("2 0 0"));
        assertEquals(Optional.of(new CtlMessage(1, 5, 6)), CtlMessage.parse("+1 +5 6"));
    }

    @Test
    void rejectsEverythingSection9Rejects() {
        for (String line : List.of("1 1001 5", "1 5 1001", "1 65535 5", "1 100000 5", "1 -1 5", "1 5 -1",
                "1 10.5 20", "1 0x10 20", "1 10", "", "abc", "3 10 20", "0 1 1", "2 1001 0",
                "1 99999999999999999999 5", "1 - 5")) {
            assertTrue(CtlMessage.parse(line).isEmpty(), line);
        }
    }

    @Test
    void numbersBeyondIntKeepGlibcsLow32Bits() {
        // scanf's %d: strtol (saturating at the long's limits), then stored in an int
        assertEquals(Optional.of(new CtlMessage(1, 1, 5)), CtlMessage.parse("1 4294967297 5"));
        assertEquals(Optional.of(new CtlMessage(1, 0, 5)), CtlMessage.parse("1 -99999999999999999999 5"));
        assertEquals(Optional.of(new CtlMessage(2, 3, 4)), CtlMessage.parse("2+3+4"));
    }

    @Test
    void rejectionsCarryConmonsWarnings() {
        assertEquals("Invalid control message format", CtlMessage.check("1 10").warning());
        assertEquals("Invalid control message format", CtlMessage.check("x 1 1").warning());
        assertEquals("Invalid control message type: 3", CtlMessage.check("3 1001 1").warning());
        assertEquals("Invalid window size: 1001x5 (must be between 0 and 1000)", CtlMessage.check("1 1001 5").warning());
        assertEquals("Invalid window size: 0x-1 (must be between 0 and 1000)", CtlMessage.check("2 0 -1").warning());
        assertEquals(null, CtlMessage.check("1 1 1").warning());
    }

    @Test
    void linesAreSplitAcrossChunksAndARejectedLineDiscardsTheRestOfItsChunk() {
        CtlLineReader reader = new CtlLineReader();
        assertEquals(List.of(), feed(reader, "1 10"));
        assertEquals(List.of(new CtlMessage(1, 10, 20)), feed(reader, " 20\n"));
        assertEquals(List.of(new CtlMessage(1, 1, 1)), feed(reader, "1 1 1\nbad\n1 2 2\n"));
        assertEquals(List.of(new CtlMessage(2, 0, 0)), feed(reader, "2 0 0\n"));
    }

    @Test
    void aLineOf200BytesOrMoreIsDroppedWithOneWarning() {
        try (DiagnosticsCapture warnings = DiagnosticsCapture.start()) {
            CtlLineReader reader = new CtlLineReader();
            assertEquals(List.of(), feed(reader, "1 1 1" + " ".repeat(CtlLineReader.LINE_MAX) + "\n"));
            assertEquals(List.of("[conmon:w]: Could not find newline in entire buffer"), warnings.lines());
            assertEquals(List.of(), feed(reader, "2 0 0" + " ".repeat(100)));
            assertEquals(List.of(), feed(reader, " ".repeat(100)));
            assertEquals(List.of(), feed(reader, " ".repeat(100) + "\n"));
            assertEquals(2, warnings.lines().size(), "once per line, however many reads it takes");
            assertEquals(List.of(new CtlMessage(1, 3, 4)), feed(reader, "1 3 4\n"));
            // 199 bytes and the newline still fit
            String longest = "1 5 6" + " ".repeat(CtlLineReader.LINE_MAX - 6);
            assertEquals(List.of(new CtlMessage(1, 5, 6)), feed(reader, longest + "\n"));
            assertEquals(2, warnings.lines().size());
            assertEquals(List.of(), feed(reader, "1 7 8" + " ".repeat(CtlLineReader.LINE_MAX - 5) + "\n"), "200 bytes are too many");
            assertEquals(3, warnings.lines().size());
        }
    }

    @Test
    void aRejectedLineIsReportedWithConmonsWarning() {
        try (DiagnosticsCapture warnings = DiagnosticsCapture.start()) {
            CtlLineReader reader = new CtlLineReader();
            assertEquals(List.of(), feed(reader, "3 1 1\n1 2 2\n"));
            assertEquals(List.of(), feed(reader, "1 2000 1\n"));
            assertEquals(List.of("[conmon:w]: Invalid control message type: 3",
                    "[conmon:w]: Invalid window size: 2000x1 (must be between 0 and 1000)"), warnings.lines());
        }
    }

    private static List<CtlMessage> feed(CtlLineReader reader, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return reader.accept(bytes, bytes.length);
    }
}
