package io.conmonj.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;


/**
 * One attach message (docs/behaviour.md §8.3): the stream byte, then the bytes of one read. Never merged and never
 * larger than {@link #MAX_LENGTH}: podman and CRI-O read with 8193-byte buffers.
 */
public final class AttachFrame {
    public static final int MAX_DATA = 8192;
    public static final int MAX_LENGTH = MAX_DATA + 1;

    private AttachFrame() {
    }

    /** The message for data's remaining bytes (at most 8192), leaving data's position unchanged. */
    public static byte[] of(StreamType stream, ByteBuffer data) {
        int length = data.remaining();
        if (length > MAX_DATA) {
            throw new IllegalArgumentException("attach message data over " + MAX_DATA + " bytes: " + length);
        }
        byte[] frame = new byte[length + 1];
        frame[0] = stream.attachByte();
        data.duplicate().get(frame, 1, length);
        return frame;
    }

    /** The messages for a chunk of any size, in order: 8192 bytes of it each, the last one shorter. */
    public static List<byte[]> split(StreamType stream, ByteBuffer chunk) {
        List<byte[]> frames = new ArrayList<>();
        for (int at = chunk.position(); at < chunk.limit(); at += MAX_DATA) {
            frames.add(of(stream, chunk.slice(at, Math.min(MAX_DATA, chunk.limit() - at))));
        }
        return frames;
    }
}
