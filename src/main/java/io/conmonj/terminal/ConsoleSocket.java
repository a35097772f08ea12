package io.conmonj.terminal;

import java.util.OptionalInt;
import java.util.Random;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The socket the runtime sends the container's pty master to (docs/behaviour.md §10): a unique
 * {@code $TMPDIR/conmon-term.XXXXXX} stream socket passed as {@code --console-socket}. The runtime
 * connects and sends the fd during create, so once it has exited the fd is waiting in the socket.
 */
public final class ConsoleSocket {
    private static final int BACKLOG = 128;
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Posix posix;
    private final int listener;
    private final String path;
    private boolean closed;

    private ConsoleSocket(Posix posix, int listener, String path) {
        this.posix = posix;
        this.listener = listener;
        this.path = path;
    }

    public static ConsoleSocket create(Posix posix) {
        String tmp = System.getenv("TMPDIR");
        String dir = tmp == null || tmp.isEmpty() ? "/tmp" : tmp;
        Random random = new Random(System.nanoTime() ^ ProcessHandle.current().pid());
        int listener = posix.socket(Posix.SOCK_STREAM);
        for (int attempt = 0; ; attempt++) {
            StringBuilder name = new StringBuilder(dir).append("/conmon-term.");
            for (int i = 0; i < 6; i++) {
                name.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            try {
                posix.bind(listener, name.toString());
                posix.listen(listener, BACKLOG);
                return new ConsoleSocket(posix, listener, name.toString());
            } catch (OsException e) {
                if (e.errno() != Posix.EADDRINUSE || attempt > 100) {
                    posix.close(listener);
                    throw FatalError.withCause("Failed to create console-socket", e.getMessage());
                }
            }
        }
    }

    public String path() {
        return path;
    }

    /** After the runtime has exited: the pty master it sent, or empty if it never connected. */
    public OptionalInt receiveMaster() {
        try {
            if (posix.poll(new int[] {listener}, new short[] {Posix.POLLIN}, 0).length == 0) {
                return OptionalInt.empty();
            }
            int connection = posix.accept(listener);
            if (connection < 0) {
                return OptionalInt.empty();
            }
            close();
            try {
                return OptionalInt.of(posix.receiveFd(connection));
            } catch (OsException e) {
                throw FatalError.withCause("Failed to receive console file descriptor", e.strerror());
            } finally {
                posix.close(connection);
            }
        } finally {
            close();
        }
    }

    /** Unlinks the path and stops listening (idempotent). */
    public void close() {
        if (!closed) {
            closed = true;
            posix.unlink(path);
            posix.close(listener);
        }
    }
}
