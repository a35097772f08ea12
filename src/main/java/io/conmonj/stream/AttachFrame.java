package io.conmonj.stream;

import java.nio.ByteBuffer;


/**
 * One attach message (spec §8.3): the stream byte, then the bytes of one read. Never merged and never
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
}
