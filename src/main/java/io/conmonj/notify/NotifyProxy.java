package io.conmonj.notify;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * {@code --sdnotify-socket} (docs/behaviour.md §15): a datagram socket at {@code <bundle>/notify/notify.sock}
 * (mode 0777; podman mounts the directory into the container) whose messages are filtered by
 * {@link NotifyFilter} and passed on to the host's notify socket.
 */
public final class NotifyProxy {
    private static final int DATAGRAM_MAX = 32768;

    private final Posix posix;
    private final int socket;
    private final int hostSocket;
    private final String hostPath;
    private final ByteBuffer in = ByteBuffer.allocateDirect(DATAGRAM_MAX);
    private final byte[] bytes = new byte[DATAGRAM_MAX];

    private NotifyProxy(Posix posix, int socket, int hostSocket, String hostPath) {
        this.posix = posix;
        this.socket = socket;
        this.hostSocket = hostSocket;
        this.hostPath = hostPath;
    }

    public static NotifyProxy start(Posix posix, EventLoop loop, String bundle, String hostPath) {
        int socket;
        try {
            socket = posix.bindInDirectory(Posix.SOCK_DGRAM, Path.of(bundle, "notify").toString(), "notify.sock", 0777);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to create notify socket", e.strerror());
        }
        posix.setNonBlocking(socket, true);
        NotifyProxy proxy = new NotifyProxy(posix, socket, posix.socket(Posix.SOCK_DGRAM), hostPath);
        loop.watch("notify socket", socket, Posix.POLLIN, revents -> proxy.forwardPending());
        return proxy;
    }

    private void forwardPending() {
        while (true) {
            in.clear();
            int n = posix.read(socket, in);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                continue;
            }
            in.flip();
            in.get(bytes, 0, n);
            byte[] kept = NotifyFilter.filter(bytes, n);
            if (kept != null) {
                int err = posix.sendTo(hostSocket, hostPath, ByteBuffer.wrap(kept));
                if (err != 0) {
                    Diagnostics.warn("Failed to send notify message to " + hostPath + ": " + OsException.describe(err));
                }
            }
        }
    }
}
