package io.conmonj.log;

import java.nio.ByteBuffer;

import io.conmonj.stream.StreamType;

/** A log driver: receives every chunk the container writes, in order, per stream. */
public interface ContainerLog extends AutoCloseable {
    /** One chunk as read from the container; its position and limit are left unchanged. */
    void write(StreamType stream, ByteBuffer chunk);

    /** Reopens the log file (ctl message 2); a no-op for drivers without a file. */
    default void reopen() {
    }

    /** Flushes buffered data and, where the driver syncs, makes it durable. Called once at exit. */
    void sync();

    @Override
    void close();
}
