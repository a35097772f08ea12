package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.diag.Diagnostics;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.stream.StreamType;

/**
 * Reads the container's output (the stdout and stderr pipes, or the pty master) on the event loop
 * and hands every read to the {@link OutputFanOut}. A read is delivered before the next one is made,
 * so when the log is slow the pipe fills and the container waits; no byte is dropped. Attach clients
 * that are behind hold reading the same way ({@link OutputFanOut#holdOutput()}). At the container's
 * exit {@link #drain()} reads what is left without waiting for other holders of the write ends.
 *
 * <p>If delivering a read fails unexpectedly, the failure is reported once and reading goes on (the
 * read is lost and counted): a broken consumer must never leave the container blocked on a full pipe.
 */
public final class OutputReader {
    /** Bytes asked for per read: a busy pipe is emptied in few calls (the fan-out splits it for clients). */
    static final int READ_SIZE = 64 * 1024;
    /** Reads per wake-up while data keeps coming. */
    private static final int BURST = 16;
    /**
     * After a read that found little, the stream rests this long before it is polled again, so a
     * chatty container's small writes are collected into one read instead of costing a wake-up each
     * (the enlarged pipe holds 1 MiB meanwhile).
     */
    private static final long COALESCE_MILLIS = 2;
    /** A pty master with no slave open reports HUP continuously: look again after this long. */
    private static final long HANGUP_RETRY_MILLIS = 100;
    /** While attach clients hold the output, look again after this long. */
    private static final long HOLD_RETRY_MILLIS = 5;

    /** A readable container stream; a terminal source ends at EIO and may hang up for a while. */
    public record Source(int fd, StreamType stream, boolean terminal) {
    }

    private final Posix posix;
    private final EventLoop loop;
    private final OutputFanOut fanOut;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);
    private final List<Open> open = new ArrayList<>();
    private long undelivered;

    private final class Open {
        final Source source;
        EventLoop.Watch watch;

        Open(Source source) {
            this.source = source;
        }
    }

    public OutputReader(Posix posix, EventLoop loop, OutputFanOut fanOut) {
        this.posix = posix;
        this.loop = loop;
        this.fanOut = fanOut;
    }

    /** Starts reading source on the loop. */
    public void add(Source source) {
        posix.setNonBlocking(source.fd(), true);
        Open o = new Open(source);
        o.watch = loop.watch("container " + source.stream().name().toLowerCase(java.util.Locale.ROOT), source.fd(), Posix.POLLIN, revents -> ready(o, revents));
        open.add(o);
    }

    private void ready(Open o, short revents) {
        if (o.source.terminal() && (revents & Posix.POLLIN) == 0 && (revents & Posix.POLLHUP) != 0) {
            rest(o, HANGUP_RETRY_MILLIS);
            return;
        }
        if (fanOut.holdOutput()) {
            rest(o, HOLD_RETRY_MILLIS);
            return;
        }
        int total = 0;
        boolean hold = false; // asked once per delivered read: nothing changes it in between
        for (int i = 0; i < BURST; i++) {
            int n = readOnce(o.source);
            if (n == 0) {
                close(o);
                return;
            }
            if (n < 0) {
                break;
            }
            total += n;
            hold = fanOut.holdOutput();
            if (n < READ_SIZE || hold) {
                break;
            }
        }
        if (hold) {
            rest(o, HOLD_RETRY_MILLIS);
        } else if (total < READ_SIZE / 2) {
            rest(o, COALESCE_MILLIS);
        }
    }

    private void rest(Open o, long millis) {
        o.watch.interest((short) 0);
        loop.after("output rest", millis, () -> {
            if (!o.watch.cancelled()) {
                o.watch.interest(Posix.POLLIN);
            }
        });
    }

    /** One read, delivered: bytes read, 0 at EOF or error (EIO on a pty), -1 when nothing is there now. */
    private int readOnce(Source source) {
        buffer.clear();
        int n;
        try {
            n = posix.read(source.fd(), buffer);
        } catch (OsException e) {
            return 0;
        }
        if (n > 0) {
            buffer.flip();
            try {
                fanOut.deliver(source.stream(), buffer);
            } catch (RuntimeException e) {
                if (undelivered == 0) {
                    Diagnostics.warn("Failed to deliver container output, dropping it: " + e);
                }
                undelivered += n;
            }
        }
        return n;
    }

    /** Reads what remains in every stream until it is empty or ended, and closes them (shutdown). */
    public void drain() {
        for (Open o : List.copyOf(open)) {
            while (readOnce(o.source) > 0) {
                // until EAGAIN or EOF
            }
            close(o);
        }
        if (undelivered > 0) {
            Diagnostics.warn("Lost " + undelivered + " bytes of container output that could not be delivered");
        }
    }

    private void close(Open o) {
        o.watch.cancel();
        open.remove(o);
        posix.close(o.source.fd());
    }

    /** Bytes read but not delivered because delivering failed. */
    public long undelivered() {
        return undelivered;
    }
}
