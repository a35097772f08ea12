package io.conmonj.attach;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.stream.AttachFrame;
import io.conmonj.stream.OutputReceiver;

/**
 * One accepted attach connection, served on the event loop. Output messages are queued and written
 * as the client reads them (a SEQPACKET write sends one whole message or nothing), so a client that
 * does not read only ever fills its own bounded queue; input, when the container takes any, is read
 * whenever the container's stdin has room.
 */
final class AttachClient implements OutputReceiver {
    /**
     * How far behind a client may fall before it is dropped, in bytes of queued output (the messages
     * are shared by all clients, so this also bounds the memory the slowest client can hold).
     */
    static final long QUEUED_BYTES_MAX = 8L << 20;
    /** What a queued message costs beyond its bytes (the array's header, the queue's slot): counted too. */
    static final int QUEUED_OVERHEAD = 48;
    /**
     * conmon reads client input in pieces of this size. The socket keeps message boundaries and a read
     * takes one message, so a smaller read would cut off the rest of a larger message (podman sends 32 KiB).
     */
    static final int INPUT_BUFFER = 32 * 1024;

    /** What the client's connection leads to; called on the loop. */
    interface Events {
        /** Input from the client. */
        void input(byte[] data, int length);

        /** The client half-closed or closed its side (no more input). */
        void inputEnded();

        /** The client is gone: it is no longer served. */
        void closed(AttachClient client);

        /** Whether the container's stdin has room for more input now. */
        boolean acceptsInput();
    }

    private final Posix posix;
    private final int fd;
    private final Events events;
    private final EventLoop.Watch watch;
    private final Queue<byte[]> queue = new ArrayDeque<>();
    private final Buffers buffers;
    private long queuedBytes;
    private long lastProgress = System.nanoTime();
    private boolean inputOpen;
    private boolean finishing;
    private boolean closed;

    /**
     * The native buffers all clients use in turn: they are served by one thread, one call at a time,
     * so a thousand clients cost no more memory than one.
     */
    static final class Buffers {
        final ByteBuffer out = ByteBuffer.allocateDirect(AttachFrame.MAX_LENGTH);
        final ByteBuffer in = ByteBuffer.allocateDirect(INPUT_BUFFER);
    }

    /** readsInput: the container has a stdin (otherwise the client's input is never read). */
    AttachClient(Posix posix, EventLoop loop, int fd, boolean readsInput, Events events, Buffers buffers) {
        this.posix = posix;
        this.fd = fd;
        this.events = events;
        this.inputOpen = readsInput;
        this.buffers = buffers;
        posix.setNonBlocking(fd, true);
        this.watch = loop.watch("attach client", fd, (short) 0, this::ready);
        updateInterest();
    }

    @Override
    public boolean offer(byte[] frame) {
        if (closed) {
            return true;
        }
        if (queuedBytes + frame.length + QUEUED_OVERHEAD > QUEUED_BYTES_MAX) {
            return false;
        }
        queue.add(frame);
        queuedBytes += frame.length + QUEUED_OVERHEAD;
        if (queue.size() == 1) {
            lastProgress = System.nanoTime(); // a backlog begins
            writeQueued();
        }
        return true;
    }

    @Override
    public long backlog() {
        return queuedBytes;
    }

    @Override
    public long lastProgress() {
        return lastProgress;
    }

    @Override
    public void drop() {
        close();
    }

    /** The container has exited: the client is closed as soon as it has read what is queued for it. */
    void finish() {
        finishing = true;
        if (queue.isEmpty()) {
            close();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Stdin has room again: read the client's input. */
    void resumeInput() {
        updateInterest();
    }

    private void ready(short revents) {
        if ((revents & Posix.POLLOUT) != 0) {
            writeQueued();
        }
        if (!closed && (revents & (Posix.POLLIN | Posix.POLLHUP)) != 0) {
            readInput();
        }
        if (closed) {
            return;
        }
        if ((revents & (Posix.POLLERR | Posix.POLLNVAL)) != 0) {
            close();
        } else if ((revents & Posix.POLLHUP) != 0) {
            if (inputOpen) {
                // gone with input still unread because stdin is full: read it when there is room
                watch.interest((short) 0);
            } else {
                close();
            }
        }
    }

    private void writeQueued() {
        byte[] frame;
        ByteBuffer out = buffers.out;
        while (!closed && (frame = queue.peek()) != null) {
            out.clear();
            out.put(frame).flip();
            int n;
            try {
                n = posix.write(fd, out);
            } catch (OsException e) {
                // the client went away; it stops receiving output
                close();
                return;
            }
            if (n < 0) {
                break;
            }
            queue.poll();
            queuedBytes -= frame.length + QUEUED_OVERHEAD;
            lastProgress = System.nanoTime();
        }
        if (finishing && queue.isEmpty()) {
            close();
            return;
        }
        updateInterest();
    }

    /** Reads input while the container's stdin has room (never for a container without stdin, as conmon). */
    private void readInput() {
        ByteBuffer in = buffers.in;
        while (inputOpen && events.acceptsInput()) {
            in.clear();
            int n;
            try {
                n = posix.read(fd, in);
            } catch (OsException e) {
                n = 0;
            }
            if (n < 0) {
                break;
            }
            if (n == 0) {
                inputOpen = false;
                posix.shutdown(fd, Posix.SHUT_RD);
                events.inputEnded();
                break;
            }
            byte[] data = new byte[n];
            in.flip().get(data);
            events.input(data, n);
        }
        updateInterest();
    }

    /**
     * POLLOUT while output waits, POLLIN while input is wanted; POLLHUP (always reported) so a client
     * that goes away is closed at once. Nothing at all while input is paused and nothing is queued.
     */
    private void updateInterest() {
        if (closed) {
            return;
        }
        boolean inputPaused = inputOpen && !events.acceptsInput();
        int interest = (queue.isEmpty() ? 0 : Posix.POLLOUT) | (inputOpen && !inputPaused ? Posix.POLLIN : 0);
        if (interest == 0 && inputPaused) {
            watch.interest((short) 0);
            return;
        }
        watch.interest((short) (interest | Posix.POLLHUP));
    }

    /** Disconnects the client; what is queued is dropped. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queuedBytes = 0;
        watch.cancel();
        posix.close(fd);
        events.closed(this);
    }
}
