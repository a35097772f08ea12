package io.conmonj.ctl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The {@code ctl} and {@code winsz} fifos in the bundle (spec §9). ctl takes {@code 1 H W} (resize)
 * and {@code 2 H W} (reopen the log); a resize goes through winsz as {@code H W}, which is then
 * applied to the terminal. A dummy writer stays open on ctl so callers closing their end never
 * hang it up. One thread reads both.
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
    private final int winsz;
    private Actions actions;
    private final CtlLineReader ctlLines = new CtlLineReader();
    private final StringBuilder winszPending = new StringBuilder();

    private ControlFifos(Posix posix, int ctl, int winsz) {
        this.posix = posix;
        this.ctl = ctl;
        this.winsz = winsz;
    }

    /** Creates both fifos in bundle, replacing old ones; what is written before {@link #start} waits in them. */
    public static ControlFifos create(Posix posix, String bundle) {
        int ctl = openFifo(posix, Path.of(bundle, "ctl").toString(), "terminal control fifo", Posix.O_RDONLY | Posix.O_NONBLOCK);
        // never let ctl see HUP when the last caller closes it
        posix.open(Path.of(bundle, "ctl").toString(), Posix.O_WRONLY | Posix.O_CLOEXEC, 0);
        int winsz = openFifo(posix, Path.of(bundle, "winsz").toString(), "window resize control fifo",
                Posix.O_RDWR | Posix.O_NONBLOCK);
        return new ControlFifos(posix, ctl, winsz);
    }

    /** Starts acting on the messages. */
    public void start(Actions actions) {
        this.actions = actions;
        Thread thread = new Thread(this::loop, "conmonj-ctl");
        thread.setDaemon(true);
        thread.start();
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

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        byte[] bytes = new byte[CHUNK];
        int[] fds = {ctl, winsz};
        short[] events = {Posix.POLLIN, Posix.POLLIN};
        while (true) {
            short[] revents = posix.poll(fds, events, -1);
            for (int i = 0; i < revents.length; i++) {
                if (revents[i] == 0) {
                    continue;
                }
                buffer.clear();
                int n = posix.read(fds[i], buffer);
                if (n <= 0) {
                    continue;
                }
                buffer.flip();
                buffer.get(bytes, 0, n);
                if (fds[i] == ctl) {
                    onCtl(bytes, n);
                } else {
                    onWinsz(bytes, n);
                }
            }
        }
    }

    private void onCtl(byte[] bytes, int n) {
        for (CtlMessage message : ctlLines.accept(bytes, n)) {
            if (message.type() == CtlMessage.RESIZE) {
                byte[] line = (message.height() + " " + message.width() + "\n").getBytes(StandardCharsets.US_ASCII);
                posix.writeFully(winsz, line);
            } else {
                actions.reopenLog();
            }
        }
    }

    private void onWinsz(byte[] bytes, int n) {
        winszPending.append(new String(bytes, 0, n, StandardCharsets.US_ASCII));
        int newline;
        while ((newline = winszPending.indexOf("\n")) >= 0) {
            String[] fields = winszPending.substring(0, newline).trim().split("\\s+");
            winszPending.delete(0, newline + 1);
            if (fields.length >= 2) {
                try {
                    actions.resize(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]));
                } catch (NumberFormatException e) {
                    // only conmonj writes here, after validating
                }
            }
        }
    }
}
