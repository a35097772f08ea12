package io.conmonj.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;


/** Attach messages of any chunk (conmon: src/conn_sock.c): at most 8193 bytes, the stream byte first, the bytes in order. */
class AttachFramePropertyTest {
    @Property(tries = 300)
    void framesAreBoundedAndReassembleTheChunk(@ForAll("chunks") byte[] data, @ForAll int offset,
                                               @ForAll StreamType stream) {
        int start = data.length == 0 ? 0 : Math.floorMod(offset, data.length);
        ByteBuffer chunk = ByteBuffer.wrap(data, start, data.length - start);
        List<byte[]> frames = AttachFrame.split(stream, chunk);
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            assertTrue(frame.length > 1 && frame.length <= AttachFrame.MAX_LENGTH, "frame of " + frame.length);
            assertEquals(stream.attachByte(), frame[0]);
            reassembled.write(frame, 1, frame.length - 1);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(data, start, data.length), reassembled.toByteArray());
        // only the last message may be short: nothing is split smaller than it must be
        for (int i = 0; i < frames.size() - 1; i++) {
            assertEquals(AttachFrame.MAX_LENGTH, frames.get(i).length);
        }
        assertEquals(start, chunk.position(), "the chunk is left for the log and the other clients");
    }

    @Provide
    Arbitrary<byte[]> chunks() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(0, 70_000).map(byte[]::new),
                Arbitraries.of(8191, 8192, 8193, 16384, 16385, 65536).map(byte[]::new));
    }
}
