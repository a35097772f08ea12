package io.conmonj.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Where the attach socket lives and how it is made (docs/behaviour.md §8.1): the listening SEQPACKET socket is
 * always the file {@code <bundle>/attach}, reached through the {@code <socket-dir>/<cuuid>} symlink
 * unless --full-attach, and bound through {@code /proc/self/fd/N} so bundle paths longer than
 * sun_path work. Mode 0700, backlog 10.
 */
public final class AttachSocket {
    static final String DEFAULT_SOCKET_DIR = "/var/run/crio";
    private static final int BACKLOG = 10;
    /** A symlink path of exactly this length is shortened by one character (conmon's historic fix). */
    private static final int COLLIDING_LENGTH = 107;

    private final Posix posix;
    private final int listener;
    private final Path socketFile;
    private final Path symlink;

    private AttachSocket(Posix posix, int listener, Path socketFile, Path symlink) {
        this.posix = posix;
        this.listener = listener;
        this.socketFile = socketFile;
        this.symlink = symlink;
    }

    /** Creates the listening socket for bundle; symlinkDir is null with --full-attach. */
    public static AttachSocket create(Posix posix, String bundle, String socketDir, String cuuid, boolean fullAttach) {
        Path symlink = fullAttach ? null : symlinkPath(socketDir, cuuid);
        if (symlink != null) {
            try {
                Files.deleteIfExists(symlink);
                Files.createSymbolicLink(symlink, Path.of(bundle));
            } catch (IOException | UnsupportedOperationException e) {
                throw FatalError.of("Failed to create symlink for attach socket: " + e.getMessage());
            }
        }
        Path parent = symlink != null ? symlink : Path.of(bundle);
        Path socketFile = Path.of(bundle, "attach");
        int listener = -1;
        try {
            listener = posix.bindInDirectory(Posix.SOCK_SEQPACKET, parent.toString(), "attach", 0700);
            posix.listen(listener, BACKLOG);
            return new AttachSocket(posix, listener, socketFile, symlink);
        } catch (OsException e) {
            if (listener >= 0) {
                posix.close(listener);
            }
            throw FatalError.withCause("Failed to create attach socket " + socketFile, e.getMessage());
        }
    }

    static Path symlinkPath(String socketDir, String cuuid) {
        String path = (socketDir != null ? socketDir : DEFAULT_SOCKET_DIR) + "/" + cuuid;
        if (path.length() == COLLIDING_LENGTH) {
            path = path.substring(0, COLLIDING_LENGTH - 1);
        }
        return Path.of(path);
    }

    int listener() {
        return listener;
    }

    /** The socket file, as clients reach it without the symlink. */
    public Path socketFile() {
        return socketFile;
    }

    /** Stops listening: clients connecting from now on are refused. */
    void close() {
        posix.close(listener);
    }

    /** Unlinks {@code <bundle>/attach} (docs/behaviour.md §12.1 step 10). */
    public void removeSocketFile() {
        posix.unlink(socketFile.toString());
    }

    /** Removes the socket-dir symlink (conmon does it at exit). */
    public void removeSymlink() {
        if (symlink != null) {
            try {
                Files.deleteIfExists(symlink);
            } catch (IOException e) {
                // nothing left to do about it at exit
            }
        }
    }
}
