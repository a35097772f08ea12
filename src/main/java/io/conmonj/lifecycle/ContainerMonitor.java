package io.conmonj.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.conmonj.attach.AttachSocket;
import io.conmonj.ctl.ControlFifos;
import io.conmonj.io.IoContext;
import io.conmonj.terminal.ConsoleSocket;
import io.conmonj.terminal.Terminal;

import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.Settings;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.ChildReaper;
import io.conmonj.exit.ExitCommand;
import io.conmonj.exit.ExitFiles;
import io.conmonj.exit.ExitStatus;
import io.conmonj.exit.OomWatcher;
import io.conmonj.log.ContainerLog;
import io.conmonj.log.JournaldLog;
import io.conmonj.log.K8sFileLog;
import io.conmonj.log.LogCounters;
import io.conmonj.log.LogRotation;
import io.conmonj.log.MultiLog;
import io.conmonj.notify.NotifyProxy;
import io.conmonj.log.NoLog;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.OomScoreAdj;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;
import io.conmonj.runtime.ContainerPidFile;
import io.conmonj.runtime.RuntimeCommand;
import io.conmonj.runtime.RuntimeInvocation;
import io.conmonj.sidecar.ContainerState;

/**
 * The monitor's main sequence after daemonizing (spec §4 steps 8–26, §12.1): launch the runtime,
 * report the container pid, log the container's output, reap it and record its exit. The first
 * phase runs before the application boots, so the caller gets the pid without waiting for it.
 */
public final class ContainerMonitor {
    private static final int RUNTIME_ERROR_MAX = 8191;
    private static final int OUTPUT_PIPE_SIZE = 1 << 20;
    private static final int START_PIPE_READ = 8192;
    private static final byte[] TIMED_OUT = "command timed out".getBytes(StandardCharsets.UTF_8);

    private final Settings settings;
    private final ConmonOptions options;
    private final Posix posix;
    private final ChildReaper reaper;
    private final Set<Integer> inherited;
    private volatile int runtimePid;
    private volatile int containerPid;
    private SyncPipe sync;
    private SyncPipe attachPipe;
    private long pidReportedAt;
    private OomWatcher oom;
    private final ContainerState containerState;
    private int syncFd = -1;
    private int startFd = -1;
    private int devNull = -1;
    private int[] stdin;
    private int[] stdout;
    private int[] stderr;
    private ContainerLog log;
    private final LogCounters logCounters = new LogCounters();
    private CompletableFuture<IoContext> ioReady;
    private ContainerIo containerIo;
    private ConsoleSocket console;
    private Terminal pty;
    private AttachSocket attachSocket;
    private ControlFifos fifos;
    private volatile boolean finished;
    private ExitCommand exitCommand;
    private String originalOomScore;

    public ContainerMonitor(Settings settings, Posix posix) {
        this.settings = settings;
        this.options = settings.options();
        this.posix = posix;
        this.reaper = new ChildReaper(posix);
        this.inherited = new TreeSet<>(InheritedFds.atStart());
        this.containerState = new ContainerState(options.cid(), options.name(), options.runtime());
    }

    /**
     * Phase 1, before the application boots: launch the runtime and report the container pid on the
     * sync pipe. Returns -1 when the container was created, else the monitor's exit status.
     */
    public int startContainer() throws IOException {
        startFd = CallerEnvironment.fd(CallerEnvironment.START_PIPE);
        if (startFd > 0 && !options.execAttach()) {
            inherited.remove(startFd);
        }
        syncFd = CallerEnvironment.fd(CallerEnvironment.SYNC_PIPE);
        if (syncFd > 0) {
            setCloexec(syncFd, CallerEnvironment.SYNC_PIPE);
        }
        sync = new SyncPipe(posix, syncFd, settings.syncKey());
        if (options.execAttach()) {
            int attachFd = CallerEnvironment.fd(CallerEnvironment.ATTACH_PIPE);
            if (attachFd < 0) {
                throw FatalError.of("--attach specified but _OCI_ATTACHPIPE was not");
            }
            setCloexec(attachFd, CallerEnvironment.ATTACH_PIPE);
            attachPipe = new SyncPipe(posix, attachFd, "data");
        }
        try {
            posix.setChildSubreaper(true);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to set as subreaper", e.strerror());
        }
        reaper.start();
        if (options.sdnotifySocket() != null && settings.bundle() != null) {
            NotifyProxy.start(posix, settings.bundle(), options.sdnotifySocket());
        }
        devNull = posix.open("/dev/null", Posix.O_RDWR | Posix.O_CLOEXEC, 0);
        if (!settings.log().passthrough()) {
            // spec §4 step 11 (already so for a spawned monitor; --sync runs in the caller's process)
            detachStdio();
        }
        originalOomScore = OomScoreAdj.read();
        installSignalForwarding();
        log = openLog();
        return launchRuntime();
    }

    private int launchRuntime() {
        boolean passthrough = settings.log().passthrough();
        boolean terminal = options.terminal() && !passthrough;
        console = terminal ? ConsoleSocket.create(posix) : null;
        stdin = options.stdin() && !passthrough && !terminal ? posix.pipe() : null;
        stdout = passthrough || terminal ? null : outputPipe();
        stderr = passthrough ? null : outputPipe();
        ioReady = passthrough && !serveHttp() ? null : IoContext.startInBackground(serveHttp());

        Map<Integer, Integer> stdio = new HashMap<>();
        // as conmon: a read-only /dev/null as stdin, a write-only one as stdout (an exec'd process sees these)
        int nullIn = stdin == null && !passthrough ? posix.open("/dev/null", Posix.O_RDONLY | Posix.O_CLOEXEC, 0) : -1;
        int nullOut = stdout == null && !passthrough ? posix.open("/dev/null", Posix.O_WRONLY | Posix.O_CLOEXEC, 0) : -1;
        Set<Integer> keep = new TreeSet<>(inherited);
        keep.remove(syncFd);
        keep.remove(startFd);
        keep.remove(CallerEnvironment.fd(CallerEnvironment.ATTACH_PIPE));
        if (!passthrough) {
            keep.removeAll(Set.of(0, 1, 2));
            stdio.put(0, stdin != null ? stdin[0] : nullIn);
            stdio.put(1, stdout != null ? stdout[1] : nullOut);
            stdio.put(2, stderr[1]);
            // a container running as another user can still use its stdio (spec §5.2)
            shareWithContainer(stdin != null ? stdin[0] : -1, stdout != null ? stdout[1] : -1, stderr[1]);
        }
        List<String> argv = RuntimeCommand.argv(settings, console != null ? console.path() : null);
        if (settings.bundle() != null && !passthrough) {
            attachSocket = AttachSocket.create(posix, settings.bundle(), options.socketDirPath(), options.cuuid(),
                    options.fullAttach());
            fifos = ControlFifos.create(posix, settings.bundle());
        }
        if (attachPipe != null) {
            // the caller may now connect to the attach socket; its second start byte releases the runtime (§6.3, §6.4)
            attachPipe.send(0);
            awaitSecondStartByte();
        }
        Diagnostics.debug("calling runtime args: " + String.join(" ", argv));
        RuntimeInvocation invocation;
        try {
            invocation = RuntimeInvocation.of(argv, System.getenv("LISTEN_PID"), options.replaceListenPid(),
                    ProcessHandle.current().pid());
        } catch (FatalError e) {
            // conmon's runtime child dies with this message, which the caller gets as the runtime's error
            sync.send(-1, e.line().getBytes(StandardCharsets.UTF_8));
            throw e;
        }
        runtimePid = posix.spawn(new SpawnRequest(invocation.path(), invocation.argv(), CallerEnvironment.forChildren(),
                stdio, keep, false));
        reaper.childSpawned();
        if (options.exitCommand() != null) {
            exitCommand = new ExitCommand(options.exitCommand(), options.exitCommandArgs(), options.exitDelay());
        }
        if (passthrough) {
            // the runtime has the caller's stdio now; the monitor lets go of it (spec §4 step 17)
            detachStdio();
        }
        closeAll(stdin != null ? stdin[0] : -1, stdout != null ? stdout[1] : -1, stderr != null ? stderr[1] : -1,
                nullIn, nullOut);

        ExitStatus runtimeExit = reaper.exitOf(runtimePid).join();
        if (runtimeExit.code() != 0 && !options.exec()) {
            byte[] error = readAvailable(stderr != null ? stderr[0] : -1);
            Diagnostics.warn("runtime stderr: " + new String(error));
            sync.send(-1, error);
            // conmon's nexitf: a fatal error, though the exit work still runs (src/conmon.c)
            Diagnostics.fatal(FatalError.of("Failed to create container: exit status " + runtimeExit.code()));
            return 1;
        }
        if (console != null) {
            OptionalInt master = console.receiveMaster();
            if (master.isEmpty()) {
                sync.send(-1, "Runtime did not set up terminal".getBytes(StandardCharsets.UTF_8));
                return 1;
            }
            pty = Terminal.of(posix, master.getAsInt());
        }
        OomScoreAdj.write("-1000");
        OptionalInt pid = ContainerPidFile.read(settings.containerPidfile());
        if (pid.isEmpty()) {
            byte[] error = readAvailable(stderr != null ? stderr[0] : -1);
            sync.send(-1, error.length > 0 ? error
                    : ("Failed to read pid file " + settings.containerPidfile()).getBytes());
            return 1;
        }
        containerPid = pid.getAsInt();
        if (settings.api1() || !options.exec()) {
            sync.send(containerPid);
        }
        pidReportedAt = System.nanoTime();
        reaper.watchForVanishing(containerPid);
        oom = OomWatcher.start(posix, containerPid, options.persistDir(), settings.bundle());
        if (ioReady != null) {
            containerIo = ContainerIo.start(posix, options, ioReady, log, passthrough ? null
                    : new ContainerIo.Plumbing(stdin, stdout, stderr, pty, attachSocket, fifos));
            if (serveHttp()) {
                containerIo.serveHttp(containerState, containerPid, logCounters);
            }
        }
        return -1;
    }

    private boolean serveHttp() {
        return options.httpSocket() != null;
    }

    /** A pipe for container output, enlarged so a chatty container rarely waits while the pump collects reads. */
    private int[] outputPipe() {
        int[] pipe = posix.pipe();
        try {
            posix.setPipeSize(pipe[1], OUTPUT_PIPE_SIZE);
        } catch (OsException e) {
            // the default 64 KiB still works
        }
        return pipe;
    }

    private void awaitSecondStartByte() {
        if (startFd <= 0) {
            return;
        }
        try {
            posix.read(startFd, ByteBuffer.allocateDirect(START_PIPE_READ));
        } catch (OsException e) {
            throw FatalError.withCause("start-pipe read failed", e.strerror());
        }
    }

    /** fchmod 0777 on the pipe ends the runtime gets; EINVAL and the like are not worth failing for. */
    private void shareWithContainer(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                try {
                    posix.fchmod(fd, 0777);
                } catch (OsException e) {
                    // conmon ignores this too
                }
            }
        }
    }

    /** Phase 2: wait for the container (or the --timeout) and record its exit (spec §12.1). */
    public int superviseUntilExit() throws InterruptedException {
        Optional<ExitStatus> exited = awaitExit();
        if (oom != null) {
            oom.finalCheck();
        }
        if (exited.isEmpty()) {
            killOnTimeout();
        }
        if (containerIo != null) {
            containerIo.drain();
        }
        log.sync();
        closeInheritedExcept(syncFd);
        if (containerIo != null) {
            containerIo.closeClients();
        }
        int code = exited.map(ExitStatus::code).orElse(-1);
        containerState.exited(new ContainerState.Exit(code, exited.map(ExitStatus::signal).orElse(Posix.SIGKILL),
                java.time.Instant.now(), oom != null && oom.oomSeen(), exited.isEmpty()));
        new ExitFiles(posix, options.persistDir(), options.exitDir(), options.cid()).write(code);
        if (options.exec()) {
            sync.send(code, exited.isEmpty() ? TIMED_OUT : null);
        }
        if (attachSocket != null) {
            attachSocket.removeSocketFile();
        }
        return code & 0xff;
    }

    /** How the container ended, or empty when --timeout passed first (counted from the pid message). */
    private Optional<ExitStatus> awaitExit() throws InterruptedException {
        CompletableFuture<ExitStatus> exit = reaper.exitOf(containerPid);
        if (options.timeout() <= 0) {
            return Optional.of(exit.join());
        }
        long left = pidReportedAt + TimeUnit.SECONDS.toNanos(options.timeout()) - System.nanoTime();
        try {
            return Optional.of(exit.get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** SIGKILL to the container's process group (or the container alone when it has none of its own, spec §12.5). */
    private void killOnTimeout() {
        int group = posix.processGroup(containerPid);
        posix.kill(group > 1 ? -group : containerPid, Posix.SIGKILL);
    }

    /** Last: close the log and run the exit command (also after a failed create, as conmon's at-exit handler). */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (log != null) {
            log.close();
        }
        if (console != null) {
            console.close();
        }
        if (exitCommand != null) {
            OomScoreAdj.write(originalOomScore);
            exitCommand.run(posix, reaper, CallerEnvironment.forChildren(), devNull);
        }
        if (attachSocket != null) {
            attachSocket.removeSocketFile();
            attachSocket.removeSymlink();
        }
        if (containerIo != null) {
            containerIo.removeEndpoint();
        }
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

    /** TERM, INT and QUIT go to the container once its pid is known, before that to the runtime (spec §12.6). */
    private void installSignalForwarding() {
        Signals.handle(posix, signal -> {
            int target = containerPid > 0 ? containerPid : runtimePid;
            if (target > 0) {
                posix.kill(target, signal);
            } else {
                Runtime.getRuntime().halt(1);
            }
        });
    }

    /** Every fd the caller gave us, except stdio and the sync pipe: frees podman's reserved ports before the exit is announced. */
    private void closeInheritedExcept(int syncFd) {
        for (int fd : inherited) {
            if (fd > 2 && fd != syncFd) {
                posix.close(fd);
            }
        }
    }

    private void setCloexec(int fd, String variable) {
        try {
            posix.setCloseOnExec(fd, true);
        } catch (OsException e) {
            throw FatalError.of("unable to make " + variable + " CLOEXEC");
        }
    }

    /** What the runtime left in a pipe, at most 8191 bytes, without blocking. */
    private byte[] readAvailable(int fd) {
        if (fd < 0) {
            return new byte[0];
        }
        posix.setNonBlocking(fd, true);
        ByteBuffer buf = ByteBuffer.allocateDirect(RUNTIME_ERROR_MAX);
        while (buf.hasRemaining()) {
            int n;
            try {
                n = posix.read(fd, buf);
            } catch (OsException e) {
                break;
            }
            if (n <= 0) {
                break;
            }
        }
        buf.flip();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    /** /dev/null over fds 0-2. */
    private void detachStdio() {
        for (int fd = 0; fd <= 2; fd++) {
            posix.dup2(devNull, fd);
        }
    }

    private void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                posix.close(fd);
            }
        }
    }
}
