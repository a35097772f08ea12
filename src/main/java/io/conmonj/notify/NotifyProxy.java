package io.conmonj.notify;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * {@code --sdnotify-socket} (spec §15): a datagram socket at {@code <bundle>/notify/notify.sock}
 * (mode 0777; podman mounts the directory into the container) whose messages are filtered by
 * {@link NotifyFilter} and passed on to the host's notify socket.
 */
public final class NotifyProxy {
    private static final int DATAGRAM_MAX = 32768;

    private final Posix posix;
    private final int socket;
    private final int hostSocket;
    private final String hostPath;

    private NotifyProxy(Posix posix, int socket, int hostSocket, String hostPath) {
        this.posix = posix;
        this.socket = socket;
        this.hostSocket = hostSocket;
        this.hostPath = hostPath;
    }

    public static NotifyProxy start(Posix posix, String bundle, String hostPath) {
        int socket;
        try {
            socket = posix.bindInDirectory(Posix.SOCK_DGRAM, Path.of(bundle, "notify").toString(), "notify.sock", 0777);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to create notify socket", e.strerror());
        }
        NotifyProxy proxy = new NotifyProxy(posix, socket, posix.socket(Posix.SOCK_DGRAM), hostPath);
        Thread thread = new Thread(proxy::loop, "conmonj-notify");
        thread.setDaemon(true);
        thread.start();
        return proxy;
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocateDirect(DATAGRAM_MAX);
        byte[] bytes = new byte[DATAGRAM_MAX];
        while (true) {
            in.clear();
            int n;
            try {
                n = posix.read(socket, in);
            } catch (OsException e) {
                return;
            }
            if (n <= 0) {
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
