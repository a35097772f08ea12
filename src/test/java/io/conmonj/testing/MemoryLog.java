package io.conmonj.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.conmonj.log.ContainerLog;
import io.conmonj.stream.StreamType;

/** A log driver that keeps what it is given, per stream; optionally failing or slow. */
public final class MemoryLog implements ContainerLog {
    private final Map<StreamType, ByteArrayOutputStream> streams = new EnumMap<>(StreamType.class);
    private volatile RuntimeException failure;
    private volatile long delayMillis;
    private volatile int reopens;

    public MemoryLog() {
        for (StreamType s : StreamType.values()) {
            streams.put(s, new ByteArrayOutputStream());
        }
    }

    /** Every later write throws failure (null: writes work again). */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every later write takes this long. */
    public void slowDown(long millis) {
        this.delayMillis = millis;
    }

    @Override
    public synchronized void write(StreamType stream, ByteBuffer chunk) {
        if (failure != null) {
            throw failure;
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.duplicate().get(bytes);
        streams.get(stream).writeBytes(bytes);
    }

    public synchronized byte[] bytes(StreamType stream) {
        return streams.get(stream).toByteArray();
    }

    @Override
    public void reopen() {
        reopens++;
    }

    public int reopens() {
        return reopens;
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
}
