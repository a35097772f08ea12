package io.conmonj.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.conmonj.stream.StreamType;

class AttachFrameTest {
    @Test
    void oneStreamByteThenTheDataUntouched() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {'x', 'a', 'b', 'y'}, 1, 2);
        assertArrayEquals(new byte[] {2, 'a', 'b'}, AttachFrame.of(StreamType.STDOUT, data));
        assertArrayEquals(new byte[] {3, 'a', 'b'}, AttachFrame.of(StreamType.STDERR, data));
        assertEquals(1, data.position(), "the chunk is still there for the next reader");
    }

    @Test
    void neverMoreThan8193Bytes() {
        assertEquals(8193, AttachFrame.of(StreamType.STDOUT, ByteBuffer.allocate(8192)).length);
        assertThrows(IllegalArgumentException.class, () -> AttachFrame.of(StreamType.STDOUT, ByteBuffer.allocate(8193)));
    }
}
