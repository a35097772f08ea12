package io.conmonj.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import io.conmonj.attach.AttachSocket;
import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.Settings;
import io.conmonj.ctl.ControlFifos;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.ChildReaper;
import io.conmonj.exit.ContainerExitWatch;
import io.conmonj.exit.ExitCommand;
import io.conmonj.exit.ExitFiles;
import io.conmonj.exit.ExitStatus;
import io.conmonj.exit.OomWatcher;
import io.conmonj.io.ContainerStdio;
import io.conmonj.io.OutputCounters;
import io.conmonj.io.OutputFanOut;
import io.conmonj.log.ContainerLog;
import io.conmonj.log.JournaldLog;
import io.conmonj.log.K8sFileLog;
import io.conmonj.log.LogCounters;
import io.conmonj.log.LogRotation;
import io.conmonj.log.MultiLog;
import io.conmonj.log.NoLog;
import io.conmonj.loop.EventLoop;
import io.conmonj.notify.NotifyProxy;
import io.conmonj.os.OomScoreAdj;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;
import io.conmonj.runtime.ContainerPidFile;
import io.conmonj.runtime.RuntimeCommand;
import io.conmonj.runtime.RuntimeInvocation;
import io.conmonj.sidecar.ContainerState;
import io.conmonj.sidecar.EndpointConfig;
import io.conmonj.sidecar.EndpointLoader;
import io.conmonj.sidecar.RunningEndpoint;

/**
 * The monitor's main sequence after daemonizing, in the order of conmon's {@code main()}: prepare
 * (caller pipes, subreaper, signals, log), create the container (runtime create/exec, pid on the sync
 * pipe), serve its I/O on the event loop until it exits, then record the exit in conmon's shutdown
 * order; the exit command runs last.
 */
public final class ContainerMonitor {
    private static final byte[] TIMED_OUT = "command timed out".getBytes(StandardCharsets.UTF_8);
    private static final int START_PIPE_READ = 8192;
    /** How long after the pid the start-up's garbage is collected (the JVM frees its compiler arenas within 5 s). */
    private static final long SETTLE_MILLIS = 6000;

    private final Settings settings;
    private final ConmonOptions options;
    private final Posix posix;
    private final Signals signals;
    /** Where the HTTP endpoint is served, or null for none. */
    private final EndpointConfig.Endpoint endpointAt;
    private final ChildReaper reaper;
    private final EventLoop loop;
    private final Set<Integer> inherited;
    private final ContainerState state;
    private final LogCounters logCounters = new LogCounters();
    private final OutputCounters outputCounters;
    private CallerPipes pipes;
    private int devNull = -1;
    private String originalOomScore;
    private ContainerLog log;
    private ContainerStdio stdio;
    private AttachSocket attachSocket;
    private volatile int runtimePid;
    private volatile int containerPid;
    private OomWatcher oom;
    private ContainerExitWatch exitWatch;
    private ContainerIo io;
    private RunningEndpoint endpoint;
    private ExitCommand exitCommand;
    private ExitStatus exit;
    private boolean timedOut;

    /** inherited: the fds the caller passed (closed before the exit is announced, never given to the runtime). */
    public ContainerMonitor(Settings settings, EndpointConfig endpoints, Posix posix, Signals signals,
                            Set<Integer> inherited) {
        this.settings = settings;
        this.endpointAt = endpoints.endpointFor(settings.options().httpSocket(), settings.options().httpSocketMode(),
                settings.options().cid(), settings.options().exec());
        this.signals = signals;
        this.options = settings.options();
        this.posix = posix;
        this.reaper = new ChildReaper(posix);
        this.loop = new EventLoop(posix, this::ioFailed);
        this.inherited = new TreeSet<>(inherited);
        this.state = new ContainerState(options.cid(), options.name(), options.runtime());
        // lines are counted only for the metrics endpoint: it is a pass over every byte
        this.outputCounters = new OutputCounters(serveHttp());
    }

    /** The whole life of the monitor; returns its exit status. */
    public int run() {
        int status = lifetime();
        int exitCommandStatus = atExit();
        // like conmon's at-exit handler, a failed exit command ends the monitor with its status
        return exitCommandStatus != 0 ? exitCommandStatus : status;
    }

    private int lifetime() {
        try {
            prepare();
            if (!create()) {
                return 1;
            }
            serve();
            return recordExit();
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return 1;
        } catch (IOException e) {
            Diagnostics.fatal(FatalError.of(e.getMessage()));
            return 1;
        }
    }

    /** Everything before the runtime runs: caller pipes, subreaper, signals, stdio, log. */
    private void prepare() throws IOException {
        pipes = CallerPipes.of(posix, settings.syncKey(), options.execAttach());
        if (pipes.startFd() > 0 && !options.execAttach()) {
            inherited.remove(pipes.startFd());
        }
        try {
            posix.setChildSubreaper(true);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to set as subreaper", e.strerror());
        }
        signals.handle(this::onSignal);
        if (options.sdnotifySocket() != null && settings.bundle() != null) {
            NotifyProxy.start(posix, loop, settings.bundle(), options.sdnotifySocket());
        }
        devNull = posix.open("/dev/null", Posix.O_RDWR | Posix.O_CLOEXEC, 0);
        if (!settings.log().passthrough()) {
            // a --sync monitor still has the caller's stdio (a spawned one has /dev/null already)
            detachStdio();
        }
        originalOomScore = OomScoreAdj.read();
        log = openLog();
    }

    /**
     * Runs the runtime (create, restore or exec) and reports the container's pid. Returns false when
     * the runtime failed; the caller has been told why on the sync pipe.
     */
    private boolean create() {
        boolean passthrough = settings.log().passthrough();
        stdio = ContainerStdio.create(posix, passthrough, options.terminal(), options.stdin());
        List<String> argv = RuntimeCommand.argv(settings, stdio.consoleSocket().orElse(null));
        ControlFifos fifos = null;
        if (settings.bundle() != null && stdio.monitored()) {
            attachSocket = AttachSocket.create(posix, settings.bundle(), options.socketDirPath(), options.cuuid(),
                    options.fullAttach());
            fifos = ControlFifos.create(posix, settings.bundle());
        }
        if (pipes.attach() != null) {
            // the caller may connect to the attach socket now; its second start byte releases the runtime
            pipes.attach().send(0);
            awaitSecondStartByte();
        }
        Diagnostics.debug("calling runtime args: " + String.join(" ", argv));
        spawnRuntime(argv);
        if (options.exitCommand() != null) {
            exitCommand = new ExitCommand(options.exitCommand(), options.exitCommandArgs(), options.exitDelay());
        }
        ExitStatus runtimeExit = reaper.waitFor(runtimePid);
        if (runtimeExit.code() != 0 && !options.exec()) {
            byte[] error = stdio.runtimeError(posix);
            Diagnostics.warn("runtime stderr: " + new String(error, StandardCharsets.UTF_8));
            pipes.sync().send(-1, error);
            // conmon's nexitf: a fatal error, though the exit work still runs (src/conmon.c)
            Diagnostics.fatal(FatalError.of("Failed to create container: exit status " + runtimeExit.code()));
            stdio.abandon(posix);
            return false;
        }
        ContainerStdio.Streams streams;
        try {
            streams = stdio.connect(posix);
        } catch (FatalError e) {
            pipes.sync().send(-1, e.message().getBytes(StandardCharsets.UTF_8));
            stdio.abandon(posix);
            return false;
        }
        OomScoreAdj.write("-1000");
        OptionalInt pid = ContainerPidFile.read(settings.containerPidfile());
        if (pid.isEmpty()) {
            byte[] error = stdio.runtimeError(posix);
            pipes.sync().send(-1, error.length > 0 ? error
                    : ("Failed to read pid file " + settings.containerPidfile()).getBytes(StandardCharsets.UTF_8));
            return false;
        }
        containerPid = pid.getAsInt();
        state.created(containerPid, Instant.now());
        // everything is listening before the caller has the pid: it resizes and starts the container at once
        exitWatch = new ContainerExitWatch(loop, reaper, containerPid, status -> exit = status);
        oom = OomWatcher.start(posix, loop, containerPid, options.persistDir(), settings.bundle());
        io = ContainerIo.start(posix, loop, new OutputFanOut(log, outputCounters), streams, attachSocket, fifos,
                options.stdin() && !options.leaveStdinOpen());
        if (settings.api1() || !options.exec()) {
            pipes.sync().send(containerPid);
        }
        return true;
    }

    private void spawnRuntime(List<String> argv) {
        Set<Integer> keep = new TreeSet<>(inherited);
        keep.removeAll(List.of(pipes.syncFd(), pipes.startFd(), pipes.attachFd()));
        Map<Integer, Integer> runtimeStdio = stdio.runtimeStdio();
        keep.removeAll(runtimeStdio.keySet());
        // a container running as another user can still use its stdio
        for (int fd : stdio.containerEnds()) {
            try {
                posix.fchmod(fd, 0777);
            } catch (OsException e) {
                // conmon ignores this too
            }
        }
        RuntimeInvocation invocation;
        try {
            invocation = RuntimeInvocation.of(argv, System.getenv("LISTEN_PID"), options.replaceListenPid(),
                    ProcessHandle.current().pid());
        } catch (FatalError e) {
            // conmon's runtime child dies with this message, which the caller gets as the runtime's error
            pipes.sync().send(-1, e.line().getBytes(StandardCharsets.UTF_8));
            throw e;
        }
        runtimePid = posix.spawn(new SpawnRequest(invocation.path(), invocation.argv(), CallerEnvironment.forChildren(),
                runtimeStdio, keep, false));
        if (!stdio.monitored()) {
            // the runtime has the caller's stdio now; the monitor lets go of it
            detachStdio();
        }
        stdio.runtimeSpawned(posix);
    }

    private void awaitSecondStartByte() {
        if (pipes.startFd() <= 0) {
            return;
        }
        try {
            posix.read(pipes.startFd(), ByteBuffer.allocateDirect(START_PIPE_READ));
        } catch (OsException e) {
            throw FatalError.withCause("start-pipe read failed", e.strerror());
        }
    }

    /** The main loop: the container's I/O until it exits, or the --timeout (counted from the pid message). */
    private void serve() {
        EventLoop.Timer timeout = options.timeout() > 0
                ? loop.after("timeout", options.timeout() * 1000L, () -> timedOut = true) : null;
        if (serveHttp()) {
            endpoint = EndpointLoader.start(posix, endpointAt, state, outputCounters, logCounters);
        }
        exitWatch.childSignal();
        loop.after("settle", SETTLE_MILLIS, this::settle);
        loop.runUntil(() -> exit != null || timedOut);
        if (timeout != null) {
            timeout.cancel();
        }
    }

    /**
     * Once the start-up is over, what it used is given back for the long idle wait: the Java heap
     * shrinks to what is live, and the C heap (the JIT's arenas of the first compilations, which the
     * JVM frees after a few seconds) returns its free memory to the system.
     */
    private void settle() {
        System.gc();
        posix.releaseFreeMemory();
    }

    /** Shutdown in conmon's order; returns the monitor's exit status (the container's, modulo 256). */
    private int recordExit() {
        oom.finalCheck();
        if (!timedOut) {
            io.drain();
        }
        log.sync();
        if (timedOut) {
            killContainerGroup();
        }
        closeInheritedExcept(pipes.syncFd());
        io.close();
        int code = timedOut ? -1 : exit.code();
        state.exited(new ContainerState.Exit(code, timedOut ? Posix.SIGKILL : exit.signal(), Instant.now(),
                oom.oomSeen(), timedOut));
        new ExitFiles(posix, options.persistDir(), options.exitDir(), options.cid()).write(code);
        if (options.exec()) {
            pipes.sync().send(code, timedOut ? TIMED_OUT : null);
        }
        if (attachSocket != null) {
            attachSocket.removeSocketFile();
        }
        return code & 0xff;
    }

    /** SIGKILL to the container's process group (or the container alone when it has none of its own). */
    private void killContainerGroup() {
        int group = posix.processGroup(containerPid);
        posix.kill(group > 1 ? -group : containerPid, Posix.SIGKILL);
    }

    /**
     * conmon's at-exit handlers: the log is closed, the exit command runs, the socket-dir symlink goes.
     * Returns the exit command's status (0 when there is none).
     */
    private int atExit() {
        int exitCommandStatus = 0;
        if (log != null) {
            log.close();
        }
        if (stdio instanceof ContainerStdio.Tty tty) {
            tty.console().close();
        }
        if (exitCommand != null) {
            OomScoreAdj.write(originalOomScore);
            exitCommandStatus = exitCommand.run(posix, reaper, CallerEnvironment.forChildren(), devNull);
        }
        if (attachSocket != null) {
            attachSocket.removeSocketFile();
            attachSocket.removeSymlink();
        }
        if (endpoint != null) {
            endpoint.remove();
        }
        return exitCommandStatus;
    }

    /** TERM, INT and QUIT go to the container once its pid is known, before that to the runtime; CHLD reaps. */
    private void onSignal(int signal) {
        if (signal == Signals.SIGCHLD || signal == Signals.SIGUSR1) {
            loop.execute(() -> childSignal());
            return;
        }
        int target = containerPid > 0 ? containerPid : runtimePid;
        if (target <= 0 || posix.kill(target, signal) != 0) {
            loop.execute(() -> childSignal());
        }
    }

    /** Children may have ended (before the container runs, their statuses wait in the reaper). */
    private void childSignal() {
        if (exitWatch == null) {
            return;
        }
        if (signals.lost()) {
            exitWatch.pollEvery();
        }
        exitWatch.childSignal();
    }

    /** A handler on the loop failed: say so; what it served is no longer served, the rest goes on. */
    private void ioFailed(String source, RuntimeException failure) {
        Diagnostics.warn("Failed to serve " + source + ": " + failure);
    }

    private boolean serveHttp() {
        return endpointAt != null;
    }

    private ContainerLog openLog() throws IOException {
        List<ContainerLog> drivers = new ArrayList<>();
        if (settings.log().k8sFile()) {
            drivers.add(new K8sFileLog(settings.log().k8sFilePath(), options.logSizeMax(), options.logGlobalSizeMax(),
                    !options.noSyncLog(), options.logRotate()
                            ? new LogRotation(options.logMaxFiles(), options.logAllowlistDirs()) : null, logCounters));
        }
        if (settings.log().journald()) {
            drivers.add(new JournaldLog(posix, JournaldLog.socketPath(), new JournaldLog.Identity(options.cid(),
                    options.name(), options.logTag(), options.logLabels(), !options.noContainerPartialMessage()), logCounters));
        }
        return drivers.isEmpty() ? new NoLog() : drivers.size() == 1 ? drivers.get(0) : new MultiLog(drivers);
    }

    /** Every fd the caller gave us, except stdio and the sync pipe: frees podman's reserved ports before the exit is announced. */
    private void closeInheritedExcept(int syncFd) {
        for (int fd : inherited) {
            if (fd > 2 && fd != syncFd) {
                posix.close(fd);
            }
        }
    }

    /** /dev/null over fds 0-2. */
    private void detachStdio() {
        for (int fd = 0; fd <= 2; fd++) {
            posix.dup2(devNull, fd);
        }
    }
}
