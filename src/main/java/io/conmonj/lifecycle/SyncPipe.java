package io.conmonj.lifecycle;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/** The caller's _OCI_SYNCPIPE (or the attach pipe): JSON status lines; after EPIPE it stays silent. */
public final class SyncPipe {
    private final Posix posix;
    private final String key;
    private int fd;

    public SyncPipe(Posix posix, int fd, String key) {
        this.posix = posix;
        this.fd = fd;
        this.key = key;
    }

    public int fd() {
        return fd;
    }

    public void send(int value) {
        send(value, null);
    }

    public synchronized void send(int value, byte[] message) {
        if (fd < 0) {
            return;
        }
        try {
            posix.writeFully(fd, SyncMessage.format(key, value, message));
        } catch (OsException e) {
            if (e.errno() != Posix.EPIPE) {
                throw e;
            }
            posix.close(fd);
            fd = -1;
        }
    }
}
