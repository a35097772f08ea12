package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.conmonj.stream.StreamType;

/**
 * What the container's output did, for the metrics endpoint: written on the event loop, read from
 * any thread. Lines are counted only when someone asked for them: it is a pass over every byte.
 */
public final class OutputCounters {
    private final AtomicLongArray bytes = new AtomicLongArray(StreamType.values().length);
    private final AtomicLongArray lines;
    private final AtomicLong receivers = new AtomicLong();
    private final AtomicLong droppedReceivers = new AtomicLong();
    private final AtomicLong acceptedClients = new AtomicLong();

    public OutputCounters(boolean countLines) {
        this.lines = countLines ? new AtomicLongArray(StreamType.values().length) : null;
    }

    void logged(StreamType stream, ByteBuffer chunk) {
        bytes.addAndGet(stream.ordinal(), chunk.remaining());
        if (lines != null) {
            lines.addAndGet(stream.ordinal(), newlines(chunk));
        }
    }

    private static int newlines(ByteBuffer chunk) {
        int count = 0;
        for (int i = chunk.position(); i < chunk.limit(); i++) {
            if (chunk.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    void receivers(int now) {
        receivers.set(now);
    }

    void receiverDropped(int now) {
        receivers.set(now);
        droppedReceivers.incrementAndGet();
    }

    /** An attach client was accepted. */
    public void clientAccepted() {
        acceptedClients.incrementAndGet();
    }

    /** Bytes of the stream's output handed to the log so far. */
    public long bytes(StreamType stream) {
        return bytes.get(stream.ordinal());
    }

    /** Newlines in the stream's output so far (0 unless lines are counted). */
    public long lines(StreamType stream) {
        return lines == null ? 0 : lines.get(stream.ordinal());
    }

    /** Attach clients receiving output now. */
    public long receivers() {
        return receivers.get();
    }

    public long droppedReceivers() {
        return droppedReceivers.get();
    }

    public long acceptedClients() {
        return acceptedClients.get();
    }
}
