package io.conmonj.log;

import java.nio.ByteBuffer;

import io.conmonj.stream.StreamType;

/** The none/off/null driver: output is read (and later sent to attach clients) but not logged. */
public final class NoLog implements ContainerLog {
    @Override
    public void write(StreamType stream, ByteBuffer chunk) {
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
}
