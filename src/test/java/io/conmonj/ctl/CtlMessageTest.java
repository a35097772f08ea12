package io.conmonj.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

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
    void linesAreSplitAcrossChunksAndARejectedLineDiscardsTheRestOfItsChunk() {
        CtlLineReader reader = new CtlLineReader();
        assertEquals(List.of(), feed(reader, "1 10"));
        assertEquals(List.of(new CtlMessage(1, 10, 20)), feed(reader, " 20\n"));
        assertEquals(List.of(new CtlMessage(1, 1, 1)), feed(reader, "1 1 1\nbad\n1 2 2\n"));
        assertEquals(List.of(new CtlMessage(2, 0, 0)), feed(reader, "2 0 0\n"));
    }

    @Test
    void aLineOf200BytesOrMoreIsDropped() {
        CtlLineReader reader = new CtlLineReader();
        assertEquals(List.of(), feed(reader, "1 1 1" + " ".repeat(CtlLineReader.LINE_MAX) + "\n"));
        assertEquals(List.of(new CtlMessage(1, 3, 4)), feed(reader, "1 3 4\n"));
    }

    private static List<CtlMessage> feed(CtlLineReader reader, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return reader.accept(bytes, bytes.length);
    }
}
