package io.conmonj.ctl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The {@code ctl} and {@code winsz} fifos in the bundle (conmon's {@code ctrl.c}), served on the event
 * loop. ctl takes {@code 1 H W} (resize the terminal) and {@code 2 H W} (reopen the log), applied as
 * soon as they are read: podman writes the first resize and then starts the container, which must
 * already see its size. winsz is kept for callers that write {@code H W} there directly. A dummy writer
 * stays open on ctl so callers closing their end never hang it up.
 */
public final class ControlFifos {
    /** What the ctl messages act on. */
    public interface Actions {
        /** Resize the terminal, if there is one. */
        void resize(int rows, int columns);

        void reopenLog();
    }

    private static final int FIFO_MODE = 0660;
    private static final int CHUNK = 512;

    private final Posix posix;
    private final int ctl;
    private final int ctlWriter;
    private final int winsz;
    private final CtlLineReader ctlLines = new CtlLineReader();
    private final StringBuilder winszPending = new StringBuilder();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    private final byte[] bytes = new byte[CHUNK];
    private final List<EventLoop.Watch> watches = new ArrayList<>();
    private Actions actions;

    private ControlFifos(Posix posix, int ctl, int ctlWriter, int winsz) {
        this.posix = posix;
        this.ctl = ctl;
        this.ctlWriter = ctlWriter;
        this.winsz = winsz;
    }

    /** Creates both fifos in bundle, replacing old ones; what is written before {@link #start} waits in them. */
    public static ControlFifos create(Posix posix, String bundle) {
        int ctl = openFifo(posix, Path.of(bundle, "ctl").toString(), "terminal control fifo",
                Posix.O_RDONLY | Posix.O_NONBLOCK);
        // never let ctl see HUP when the last caller closes it
        int ctlWriter = posix.open(Path.of(bundle, "ctl").toString(), Posix.O_WRONLY | Posix.O_CLOEXEC, 0);
        int winsz = openFifo(posix, Path.of(bundle, "winsz").toString(), "window resize control fifo",
                Posix.O_RDWR | Posix.O_NONBLOCK);
        return new ControlFifos(posix, ctl, ctlWriter, winsz);
    }

    /** Acts on the messages (those already waiting first) from now on. */
    public void start(EventLoop loop, Actions actions) {
        this.actions = actions;
        readAll(ctl);
        readAll(winsz);
        watches.add(loop.watch("ctl fifo", ctl, Posix.POLLIN, revents -> readAll(ctl)));
        watches.add(loop.watch("winsz fifo", winsz, Posix.POLLIN, revents -> readAll(winsz)));
    }

    /** mkfifo and open, with conmon's messages naming the fifo by its role (src/ctrl.c setup_fifo). */
    private static int openFifo(Posix posix, String path, String role, int flags) {
        try {
            try {
                posix.mkfifo(path, FIFO_MODE);
            } catch (OsException e) {
                if (e.errno() != Posix.EEXIST) {
                    throw e;
                }
                posix.unlink(path);
                posix.mkfifo(path, FIFO_MODE);
            }
        } catch (OsException e) {
            throw FatalError.withCause("Failed to mkfifo at " + path, e.strerror());
        }
        try {
            return posix.open(path, flags | Posix.O_CLOEXEC, 0);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to open " + role + " read half", e.strerror());
        }
    }

    private void readAll(int fd) {
        while (true) {
            buffer.clear();
            int n = posix.read(fd, buffer);
            if (n <= 0) {
                return;
            }
            buffer.flip().get(bytes, 0, n);
            if (fd == ctl) {
                onCtl(n);
            } else {
                onWinsz(n);
            }
        }
    }

    private void onCtl(int n) {
        for (CtlMessage message : ctlLines.accept(bytes, n)) {
            if (message.type() == CtlMessage.RESIZE) {
                actions.resize(message.height(), message.width());
            } else {
                actions.reopenLog();
            }
        }
    }

    private void onWinsz(int n) {
        winszPending.append(new String(bytes, 0, n, StandardCharsets.US_ASCII));
        int newline;
        while ((newline = winszPending.indexOf("\n")) >= 0) {
            String[] fields = winszPending.substring(0, newline).trim().split("\\s+");
            winszPending.delete(0, newline + 1);
            if (fields.length < 2) {
                Diagnostics.warn("Failed to parse window size");
            } else {
                try {
                    actions.resize(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]));
                } catch (NumberFormatException e) {
                    Diagnostics.warn("Failed to parse window size");
                }
            }
        }
    }

    /** Closes the fifos (shutdown). */
    public void close() {
        watches.forEach(EventLoop.Watch::cancel);
        posix.close(ctl);
        posix.close(ctlWriter);
        posix.close(winsz);
    }
}
