package io.conmonj.log;

import java.nio.ByteBuffer;
import java.util.List;

import io.conmonj.stream.StreamType;

/** Several drivers at once (e.g. k8s-file and journald), each getting every chunk, in docs/behaviour.md §11.2's order. */
public final class MultiLog implements ContainerLog {
    private final List<ContainerLog> drivers;

    public MultiLog(List<ContainerLog> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    @Override
    public void write(StreamType stream, ByteBuffer chunk) {
        for (ContainerLog driver : drivers) {
            driver.write(stream, chunk);
        }
    }

    @Override
    public void reopen() {
        drivers.forEach(ContainerLog::reopen);
    }

    @Override
    public void sync() {
        drivers.forEach(ContainerLog::sync);
    }

    @Override
    public void close() {
        drivers.forEach(ContainerLog::close);
    }
}
