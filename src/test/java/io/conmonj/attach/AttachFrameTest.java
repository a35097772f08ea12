package io.conmonj.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.conmonj.io.StreamType;

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

    @Test
    void aSymlinkPathOf107CharactersIsShortenedByOne() {
        String dir = "/run/" + "d".repeat(107 - 5 - 1 - 10);
        assertEquals(107, (dir + "/" + "c".repeat(10)).length());
        assertEquals(106, AttachSocket.symlinkPath(dir, "c".repeat(10)).toString().length());
        assertEquals("/var/run/crio/abc", AttachSocket.symlinkPath(null, "abc").toString());
        assertEquals(108, AttachSocket.symlinkPath(dir, "c".repeat(11)).toString().length());
    }
}
