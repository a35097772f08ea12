package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JournalEntryTest {
    @Test
    void plainFieldsAreNameEqualsValueAndNewlinesGoBinary() {
        byte[] message = "two\nlines\n".getBytes(StandardCharsets.UTF_8);
        byte[] entry = new JournalEntry().field("PRIORITY", "6").field("MESSAGE", message, 0, message.length).bytes();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("PRIORITY=6\nMESSAGE\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {10, 0, 0, 0, 0, 0, 0, 0}); // length, 64-bit little endian
        expected.writeBytes(message);
        expected.write('\n');
        assertArrayEquals(expected.toByteArray(), entry);
    }
}
