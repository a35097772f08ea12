package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

import io.conmonj.diag.Diagnostics;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The container's stdin (the pipe's write end, or the pty master in terminal mode), written on the
 * event loop without blocking: input is queued and written as the container reads it. While more
 * than {@link #BACKLOG_MAX} bytes wait, {@link #full()} tells attach clients to stop reading input,
 * which is the back-pressure that reaches them. A close requested after some input takes effect
 * after that input.
 */
public final class ContainerStdin {
    static final int BACKLOG_MAX = 256 * 1024;

    private final Posix posix;
    private final int fd;
    private final EventLoop.Watch watch;
    private final Queue<ByteBuffer> queue = new ArrayDeque<>();
    private final ByteBuffer out = ByteBuffer.allocateDirect(32 * 1024);
    private final Runnable drained;
    private long queued;
    private boolean closeRequested;
    private boolean closed;

    /** drained runs when the backlog falls back below the limit (clients may read input again). */
    public ContainerStdin(Posix posix, EventLoop loop, int fd, Runnable drained) {
        this.posix = posix;
        this.fd = fd;
        this.drained = drained;
        posix.setNonBlocking(fd, true);
        this.watch = loop.watch("container stdin", fd, (short) 0, revents -> flush());
    }

    /** Whether clients should stop reading input until {@code drained} runs. */
    public boolean full() {
        return queued >= BACKLOG_MAX;
    }

    /** Input for the container; discarded once stdin was closed. */
    public void write(byte[] data, int length) {
        if (closeRequested || length == 0) {
            return;
        }
        queue.add(ByteBuffer.wrap(data, 0, length));
        queued += length;
        flush();
    }

    /** The container sees EOF once the input queued before this call is written. */
    public void close() {
        if (!closeRequested) {
            closeRequested = true;
            flush();
        }
    }

    private void flush() {
        boolean wasFull = full();
        ByteBuffer head;
        while ((head = queue.peek()) != null) {
            out.clear();
            int n = Math.min(out.capacity(), head.remaining());
            out.put(out.position(), head, head.position(), n).limit(n);
            int written;
            try {
                written = posix.write(fd, out);
            } catch (OsException e) {
                // the container closed its stdin: what is queued can never be read
                Diagnostics.warn("Failed to write to fd container stdin: " + e.strerror());
                queue.clear();
                queued = 0;
                break;
            }
            if (written < 0) {
                break;
            }
            head.position(head.position() + written);
            queued -= written;
            if (!head.hasRemaining()) {
                queue.poll();
            }
        }
        if (queue.isEmpty() && closeRequested && !closed) {
            closed = true;
            watch.cancel();
            posix.close(fd);
        } else if (!closed) {
            watch.interest(queue.isEmpty() ? 0 : Posix.POLLOUT);
        }
        if (wasFull && !full()) {
            drained.run();
        }
    }
}
