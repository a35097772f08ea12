package io.conmonj.attach;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.conmonj.io.ContainerStdin;
import io.conmonj.io.OutputFanOut;
import io.conmonj.io.OutputReceiver;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Accepts attach clients on the {@link AttachSocket} for as long as the container runs: each one
 * receives the output from then on, and its input goes to the container's stdin when there is one
 * (spec §8.2–8.6). At exit, clients get what is queued for them, then are closed (spec §12.1 step 7).
 */
public final class AttachServer {
    /** How long clients may take to read what was queued for them when the container has exited. */
    private static final long FINISH_MILLIS = 2000;

    private final Posix posix;
    private final AttachSocket socket;
    private final OutputFanOut fanOut;
    private final ContainerStdin stdin;
    private final boolean closeStdinOnEnd;
    private final Thread acceptor;
    private final AtomicLong accepted = new AtomicLong();

    /**
     * @param stdin the container's stdin, or null when it takes no input (client input is then never read)
     * @param closeStdinOnEnd whether a client's EOF closes the container's stdin (-i without --leave-stdin-open)
     */
    public AttachServer(Posix posix, AttachSocket socket, OutputFanOut fanOut, ContainerStdin stdin,
                        boolean closeStdinOnEnd) {
        this.posix = posix;
        this.socket = socket;
        this.fanOut = fanOut;
        this.stdin = stdin;
        this.closeStdinOnEnd = closeStdinOnEnd;
        this.acceptor = new Thread(this::acceptLoop, "conmonj-attach");
        acceptor.setDaemon(true);
    }

    /**
     * Takes the clients already waiting in the backlog before anything else (they connected before
     * the container could print), then accepts the rest on a thread of its own.
     */
    public void start() {
        while (posix.poll(new int[] {socket.listener()}, new short[] {Posix.POLLIN}, 0).length > 0) {
            int fd = posix.accept(socket.listener());
            if (fd < 0) {
                break;
            }
            register(fd);
        }
        acceptor.start();
    }

    /** Clients accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (true) {
            int fd;
            try {
                fd = posix.accept(socket.listener());
            } catch (OsException e) {
                return; // shut down at exit
            }
            if (fd >= 0) {
                register(fd);
            }
        }
    }

    private void register(int fd) {
        accepted.incrementAndGet();
        AttachClient[] self = new AttachClient[1];
        AttachClient client = new AttachClient(posix, fd, stdin == null ? null : input(),
                () -> fanOut.removeReceiver(self[0]));
        self[0] = client;
        fanOut.addReceiver(client);
        client.start();
    }

    private AttachClient.ClientInput input() {
        return new AttachClient.ClientInput() {
            @Override
            public void received(byte[] data) throws InterruptedException {
                stdin.write(data);
            }

            @Override
            public void ended() throws InterruptedException {
                if (closeStdinOnEnd) {
                    stdin.close();
                }
            }
        };
    }

    /** Stops accepting, lets every client read what is queued for it (bounded), closes them and the socket. */
    public void closeAll() {
        socket.close();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<OutputReceiver> clients = fanOut.detachAll();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINISH_MILLIS);
        for (OutputReceiver client : clients) {
            client.finish(deadline);
        }
        socket.closeFd();
    }
}
