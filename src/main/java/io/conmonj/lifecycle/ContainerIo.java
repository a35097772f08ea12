package io.conmonj.lifecycle;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.conmonj.attach.AttachServer;
import io.conmonj.attach.AttachSocket;
import io.conmonj.ctl.ControlFifos;
import io.conmonj.io.ContainerStdin;
import io.conmonj.io.ContainerStdio;
import io.conmonj.io.OutputFanOut;
import io.conmonj.io.OutputReader;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.Posix;
import io.conmonj.terminal.Terminal;

/**
 * The container's I/O once it exists, served on the event loop: its output read into the fan-out
 * (log, then attach clients), stdin fed from the clients, the attach socket and the ctl fifos. Built
 * right after the pid is reported; drained and closed in conmon's shutdown order.
 */
final class ContainerIo {
    /** How long attach clients may take to read what was queued for them once the container has exited. */
    private static final long FLUSH_MILLIS = 2000;

    private final EventLoop loop;
    private final OutputReader reader;
    private final AttachServer attach;
    private final ControlFifos fifos;

    private ContainerIo(EventLoop loop, OutputReader reader, AttachServer attach, ControlFifos fifos) {
        this.loop = loop;
        this.reader = reader;
        this.attach = attach;
        this.fifos = fifos;
    }

    /**
     * Starts serving: ctl requests already written are applied and attach clients already waiting are
     * taken before the first output is read.
     *
     * @param socket the attach socket, or null (no bundle)
     * @param fifos the ctl fifos, or null (no bundle)
     * @param closeStdinOnEnd a client's EOF closes the container's stdin (-i without --leave-stdin-open)
     */
    static ContainerIo start(Posix posix, EventLoop loop, OutputFanOut fanOut, ContainerStdio.Streams streams,
                             AttachSocket socket, ControlFifos fifos, boolean closeStdinOnEnd) {
        // the fifos are watched first: when a resize and an attach client arrive together (podman
        // attaches, resizes and starts the container at once), the resize is applied first
        if (fifos != null) {
            fifos.start(loop, actions(streams.terminal(), fanOut));
        }
        AttachServer[] server = new AttachServer[1];
        ContainerStdin stdin = streams.stdin().isPresent()
                ? new ContainerStdin(posix, loop, streams.stdin().getAsInt(), () -> server[0].resumeInput())
                : null;
        if (socket != null) {
            server[0] = new AttachServer(posix, loop, socket, fanOut, stdin, closeStdinOnEnd);
            server[0].start();
        }
        OutputReader reader = new OutputReader(posix, loop, fanOut);
        streams.outputs().forEach(reader::add);
        return new ContainerIo(loop, reader, server[0], fifos);
    }

    private static ControlFifos.Actions actions(Optional<Terminal> terminal, OutputFanOut fanOut) {
        return new ControlFifos.Actions() {
            @Override
            public void resize(int rows, int columns) {
                terminal.ifPresent(pty -> pty.resize(rows, columns));
            }

            @Override
            public void reopenLog() {
                fanOut.reopenLog();
            }
        };
    }

    /** Reads what is left of the output without waiting for other holders of the pipes. */
    void drain() {
        reader.drain();
    }

    /** Stops accepting clients, lets them read what is queued (bounded), then closes them and the fifos. */
    void close() {
        if (fifos != null) {
            fifos.close();
        }
        if (attach == null) {
            return;
        }
        attach.stopAccepting();
        attach.finishClients();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
        boolean[] timedOut = new boolean[1];
        EventLoop.Timer timer = loop.after("attach flush deadline", FLUSH_MILLIS, () -> timedOut[0] = true);
        loop.runUntil(() -> timedOut[0] || !attach.flushing() || System.nanoTime() > deadline);
        timer.cancel();
        attach.closeClients();
    }
}
