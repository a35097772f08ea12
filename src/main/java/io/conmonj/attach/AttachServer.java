package io.conmonj.attach;

import java.util.ArrayList;
import java.util.List;

import io.conmonj.io.ContainerStdin;
import io.conmonj.io.OutputCounters;
import io.conmonj.io.OutputFanOut;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Accepts attach clients on the {@link AttachSocket} for as long as the container runs (conmon's
 * {@code conn_sock.c}): each one receives the output from then on, and its input goes to the
 * container's stdin when there is one. Clients already waiting in the backlog when the server starts
 * are taken before any output is read, so they miss nothing. At the container's exit clients get what
 * is queued for them (for a bounded time), then are closed.
 */
public final class AttachServer {
    private final Posix posix;
    private final EventLoop loop;
    private final AttachSocket socket;
    private final OutputFanOut fanOut;
    private final ContainerStdin stdin;
    private final boolean closeStdinOnEnd;
    private final List<AttachClient> clients = new ArrayList<>();
    private final AttachClient.Buffers buffers = new AttachClient.Buffers();
    private EventLoop.Watch listening;

    /**
     * @param stdin the container's stdin, or null when it takes no input (client input is then discarded)
     * @param closeStdinOnEnd whether a client's EOF closes the container's stdin (-i without --leave-stdin-open)
     */
    public AttachServer(Posix posix, EventLoop loop, AttachSocket socket, OutputFanOut fanOut, ContainerStdin stdin,
                        boolean closeStdinOnEnd) {
        this.posix = posix;
        this.loop = loop;
        this.socket = socket;
        this.fanOut = fanOut;
        this.stdin = stdin;
        this.closeStdinOnEnd = closeStdinOnEnd;
    }

    /** Takes the clients waiting in the backlog, then accepts the others as they come. */
    public void start() {
        posix.setNonBlocking(socket.listener(), true);
        acceptPending();
        listening = loop.watch("attach socket", socket.listener(), Posix.POLLIN, revents -> acceptPending());
    }

    private void acceptPending() {
        int fd;
        while ((fd = accept()) >= 0) {
            fanOut.counters().clientAccepted();
            AttachClient client = new AttachClient(posix, loop, fd, stdin != null, events(), buffers);
            clients.add(client);
            fanOut.addReceiver(client);
        }
    }

    private int accept() {
        try {
            return posix.accept(socket.listener());
        } catch (OsException e) {
            // e.g. EMFILE: the client stays in the backlog until an fd is free
            return -1;
        }
    }

    /** Stdin has room again: every client may read input. */
    public void resumeInput() {
        for (AttachClient client : List.copyOf(clients)) {
            client.resumeInput();
        }
    }

    private AttachClient.Events events() {
        return new AttachClient.Events() {
            @Override
            public void input(byte[] data, int length) {
                stdin.write(data, length);
            }

            @Override
            public void inputEnded() {
                if (closeStdinOnEnd) {
                    stdin.close();
                }
            }

            @Override
            public void closed(AttachClient client) {
                clients.remove(client);
                fanOut.removeReceiver(client);
            }

            @Override
            public boolean acceptsInput() {
                return stdin != null && !stdin.full();
            }
        };
    }

    /** Stops accepting; the listening socket is closed. */
    public void stopAccepting() {
        if (listening != null) {
            listening.cancel();
            listening = null;
        }
        socket.close();
    }

    /** Each client is closed once it has read what is queued for it (a client may wait for another to go). */
    public void finishClients() {
        for (AttachClient client : List.copyOf(clients)) {
            client.finish();
        }
    }

    /** Whether some client still has output to be written. */
    public boolean flushing() {
        return !clients.isEmpty();
    }

    /** Closes every client (what is still queued is dropped). */
    public void closeClients() {
        for (AttachClient client : List.copyOf(clients)) {
            fanOut.removeReceiver(client);
            client.close();
        }
    }
}
