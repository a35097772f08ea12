package io.conmonj.testing;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.conmonj.os.Posix;

/** A real SOCK_SEQPACKET attach client, as podman and CRI-O connect (8193-byte reads). */
public final class SeqpacketClient implements AutoCloseable {
    public static final int READ_SIZE = 8193;

    private final Posix posix = Posix.load();
    private final int fd;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private boolean closed;

    private SeqpacketClient(int fd) {
        this.fd = fd;
    }

    public static SeqpacketClient connect(Path socket) {
        Posix posix = Posix.load();
        int fd = posix.socket(Posix.SOCK_SEQPACKET);
        posix.connect(fd, socket.toString());
        return new SeqpacketClient(fd);
    }

    /** One message (stream byte + data) exactly as read with a 64 KiB buffer, or null at EOF. */
    public byte[] readMessage() {
        in.clear();
        int n = posix.read(fd, in);
        if (n <= 0) {
            return null;
        }
        in.flip();
        byte[] message = new byte[n];
        in.get(message);
        return message;
    }

    /** Whether a message (or EOF) arrives within timeout. */
    public boolean awaitReadable(java.time.Duration timeout) {
        return posix.poll(new int[] {fd}, new short[] {Posix.POLLIN}, (int) timeout.toMillis()).length > 0;
    }

    public void send(byte[] data) {
        posix.writeFully(fd, data);
    }

    /** Half-close, as podman does on detach or at the end of its input. */
    public void shutdownOutput() {
        posix.shutdown(fd, Posix.SHUT_WR);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            posix.close(fd);
        }
    }
}
