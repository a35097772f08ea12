package io.conmonj.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.conmonj.attach.AttachServer;
import io.conmonj.attach.AttachSocket;
import io.conmonj.cli.ConmonOptions;
import io.conmonj.ctl.ControlFifos;
import io.conmonj.diag.FatalError;
import io.conmonj.io.ContainerStdin;
import io.conmonj.io.IoContext;
import io.conmonj.io.OutputFanOut;
import io.conmonj.io.OutputPump;
import io.conmonj.io.StreamType;
import io.conmonj.log.ContainerLog;
import io.conmonj.log.LogCounters;
import io.conmonj.os.Posix;
import io.conmonj.sidecar.ContainerState;
import io.conmonj.sidecar.EndpointConfig;
import io.conmonj.sidecar.HttpEndpoint;
import io.conmonj.sidecar.MonitorMetrics;
import io.conmonj.terminal.Terminal;

/**
 * The container's I/O once it exists (spec §8–§11): the fan-out on the I/O context, the output pump,
 * stdin, attach clients, the ctl fifos, and the optional HTTP endpoint. Started after the pid is sent
 * (output waits in the pipes meanwhile, clients in the backlog); drained and closed in §12.1's order.
 */
final class ContainerIo {
    /** The monitor's ends of what the runtime was given: pipes (read ends for output) or the pty, socket, fifos. */
    record Plumbing(int[] stdin, int[] stdout, int[] stderr, Terminal pty, AttachSocket attachSocket,
                    ControlFifos fifos) {
    }

    private final Posix posix;
    private final ConmonOptions options;
    private final IoContext io;
    private OutputFanOut fanOut;
    private OutputPump pump;
    private AttachServer attach;
    private HttpEndpoint endpoint;

    private ContainerIo(Posix posix, ConmonOptions options, IoContext io) {
        this.posix = posix;
        this.options = options;
        this.io = io;
    }

    /** plumbing is null in passthrough mode (the container writes to the caller's stdio). */
    static ContainerIo start(Posix posix, ConmonOptions options, CompletableFuture<IoContext> ioReady,
                             ContainerLog log, Plumbing plumbing, boolean countLines) {
        IoContext io;
        try {
            io = ioReady.join();
        } catch (RuntimeException e) {
            throw FatalError.of("Failed to start the I/O event loop: " + e.getMessage());
        }
        ContainerIo containerIo = new ContainerIo(posix, options, io);
        // lines are only counted for the metrics endpoint: it is a pass over every byte
        containerIo.fanOut = new OutputFanOut(io, log, countLines);
        if (plumbing != null) {
            containerIo.startOutput(plumbing);
        }
        return containerIo;
    }

    private void startOutput(Plumbing p) {
        Terminal pty = p.pty();
        ContainerStdin containerStdin = pty != null ? new ContainerStdin(posix, pty.input())
                : p.stdin() != null ? new ContainerStdin(posix, p.stdin()[1]) : null;
        if (p.attachSocket() != null) {
            attach = new AttachServer(posix, p.attachSocket(), fanOut, containerStdin,
                    options.stdin() && !options.leaveStdinOpen());
            attach.start();
        }
        if (p.fifos() != null) {
            p.fifos().start(new ControlFifos.Actions() {
                @Override
                public void resize(int rows, int columns) {
                    if (pty != null) {
                        pty.resize(rows, columns);
                    }
                }

                @Override
                public void reopenLog() {
                    fanOut.reopenLog();
                }
            });
        }
        List<OutputPump.Source> sources = new ArrayList<>();
        if (pty != null) {
            sources.add(new OutputPump.Source(pty.output(), StreamType.STDOUT, true));
        } else {
            sources.add(new OutputPump.Source(p.stdout()[0], StreamType.STDOUT));
        }
        sources.add(new OutputPump.Source(p.stderr()[0], StreamType.STDERR));
        pump = new OutputPump(posix, sources, fanOut);
        pump.start();
    }

    /** The HTTP endpoint (--http-socket, or the socket directory): health, exit and metrics of this container. */
    void serveHttp(EndpointConfig.Endpoint where, ContainerState state, int pid, LogCounters logCounters) {
        state.created(pid, Instant.now());
        MonitorMetrics metrics = new MonitorMetrics(state, fanOut, attach, logCounters);
        endpoint = HttpEndpoint.start(posix, io.vertx(), where, state, metrics);
    }

    /** Reads what is left in the pipes and waits until the log and the clients' queues have it (§12.1 step 2). */
    void drain() throws InterruptedException {
        if (pump != null) {
            pump.drainAndStop();
            fanOut.awaitDelivered();
        }
    }

    /** Attach clients get what is queued for them, then they and the listener are closed (§12.1 step 7). */
    void closeClients() {
        if (attach != null) {
            attach.closeAll();
        }
    }

    /** At the monitor's exit. */
    void removeEndpoint() {
        if (endpoint != null) {
            endpoint.remove();
        }
    }
}
