package io.conmonj.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.conmonj.diag.Diagnostics;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The container's stdin (the pipe's write end, or the pty master in terminal mode), written by one
 * thread from a bounded queue: attach clients that send faster than the container reads wait
 * (spec §8.4 back-pressure), and a close requested after some input takes effect after that input.
 */
public final class ContainerStdin {
    private static final int QUEUED_WRITES = 16;
    private static final byte[] CLOSE = new byte[0];

    private final Posix posix;
    private final int fd;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_WRITES);
    private final Thread thread;
    private volatile boolean closed;

    public ContainerStdin(Posix posix, int fd) {
        this.posix = posix;
        this.fd = fd;
        this.thread = new Thread(this::loop, "conmonj-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues input for the container; blocks while the queue is full. */
    public void write(byte[] data) throws InterruptedException {
        if (!closed && data.length > 0) {
            queue.put(data);
        }
    }

    /** The container sees EOF on stdin once the input queued before this call is written. */
    public void close() throws InterruptedException {
        if (!closed) {
            queue.put(CLOSE);
        }
    }

    private void loop() {
        try {
            while (true) {
                byte[] data = queue.take();
                if (closed) {
                    continue; // input after the close is discarded, so no writer waits forever
                }
                if (data == CLOSE) {
                    closed = true;
                    posix.close(fd);
                    continue;
                }
                try {
                    posix.writeFully(fd, data);
                } catch (OsException e) {
                    Diagnostics.warn("Failed to write to fd container stdin: " + e.strerror());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
