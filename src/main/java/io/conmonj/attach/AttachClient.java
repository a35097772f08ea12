package io.conmonj.attach;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.conmonj.io.OutputReceiver;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * One accepted attach connection (spec §8.2–8.6). Output is queued by the owning context and written
 * by this client's own thread, so a client that does not read only ever fills its own bounded
 * queue; input, when the container takes any, is read by a second thread and handed to
 * {@link ClientInput}.
 */
final class AttachClient implements OutputReceiver {
    /**
     * How far behind a client may fall before it is dropped, in bytes of queued output (the frames
     * are shared by all clients, so this also bounds the heap the slowest client can hold).
     */
    static final long QUEUED_BYTES_MAX = 8L << 20;
    private static final int INPUT_BUFFER = 32768;
    private static final byte[] END = new byte[0];

    private final Posix posix;
    private final int fd;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread writer;
    private final Thread reader;
    private final AtomicInteger running = new AtomicInteger();
    private final Runnable onWriteFailure;
    private boolean closed;

    /** Where client input goes; null when the container has no stdin (input is then never read). */
    interface ClientInput {
        void received(byte[] data) throws InterruptedException;

        /** The client half-closed or closed its side. */
        void ended() throws InterruptedException;
    }

    AttachClient(Posix posix, int fd, ClientInput input, Runnable onWriteFailure) {
        this.posix = posix;
        this.fd = fd;
        this.onWriteFailure = onWriteFailure;
        this.writer = new Thread(this::writeLoop, "conmonj-attach-out-" + fd);
        this.reader = input == null ? null : new Thread(() -> readLoop(input), "conmonj-attach-in-" + fd);
    }

    void start() {
        running.set(reader == null ? 1 : 2);
        writer.setDaemon(true);
        writer.start();
        if (reader != null) {
            reader.setDaemon(true);
            reader.start();
        }
    }

    @Override
    public boolean offer(byte[] frame) {
        if (queuedBytes.addAndGet(frame.length) > QUEUED_BYTES_MAX) {
            return false;
        }
        return queue.offer(frame);
    }

    @Override
    public void drop() {
        shutdown(Posix.SHUT_RDWR);
    }

    @Override
    public void finish(long deadlineNanos) {
        queue.offer(END);
        join(writer, deadlineNanos);
        shutdown(Posix.SHUT_RDWR);
        join(reader, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    }

    private static void join(Thread thread, long deadlineNanos) {
        if (thread == null) {
            return;
        }
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        ByteBuffer out = ByteBuffer.allocateDirect(AttachFrame.MAX_LENGTH);
        try {
            while (true) {
                byte[] frame = queue.take();
                if (frame == END) {
                    return;
                }
                queuedBytes.addAndGet(-frame.length);
                out.clear();
                out.put(frame).flip();
                // a blocking SEQPACKET write sends the whole message or fails
                posix.write(fd, out);
            }
        } catch (OsException e) {
            // the client went away; it stops receiving output (spec §8.2)
            shutdown(Posix.SHUT_WR);
            onWriteFailure.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threadEnded();
        }
    }

    private void readLoop(ClientInput input) {
        ByteBuffer in = ByteBuffer.allocateDirect(INPUT_BUFFER);
        try {
            while (true) {
                in.clear();
                int n;
                try {
                    n = posix.read(fd, in);
                } catch (OsException e) {
                    n = 0;
                }
                if (n <= 0) {
                    shutdown(Posix.SHUT_RD);
                    input.ended();
                    return;
                }
                in.flip();
                byte[] data = new byte[n];
                in.get(data);
                input.received(data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threadEnded();
        }
    }

    /** The last of the client's threads to end closes its fd: nobody can be inside a call on it then. */
    private synchronized void threadEnded() {
        if (running.decrementAndGet() == 0) {
            closed = true;
            posix.close(fd);
        }
    }

    /** shutdown(2) wakes the client's threads; never on a closed (maybe reused) fd number. */
    private synchronized void shutdown(int how) {
        if (!closed) {
            posix.shutdown(fd, how);
        }
    }

}
