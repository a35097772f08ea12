package io.conmonj.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.Settings;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.ChildReaper;
import io.conmonj.exit.ExitCommand;
import io.conmonj.exit.ExitFiles;
import io.conmonj.exit.ExitStatus;
import io.conmonj.io.OutputPump;
import io.conmonj.io.StreamType;
import io.conmonj.log.ContainerLog;
import io.conmonj.log.K8sFileLog;
import io.conmonj.log.NoLog;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.OomScoreAdj;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;
import io.conmonj.runtime.ContainerPidFile;
import io.conmonj.runtime.RuntimeCommand;

/**
 * The monitor's main sequence after daemonizing (spec §4 steps 8–26, §12.1): launch the runtime,
 * report the container pid, log the container's output, reap it and record its exit. The first
 * phase runs before the application boots, so the caller gets the pid without waiting for it.
 */
public final class ContainerMonitor {
    private static final int RUNTIME_ERROR_MAX = 8191;

    private final Settings settings;
    private final ConmonOptions options;
    private final Posix posix;
    private final ChildReaper reaper;
    private final Set<Integer> inherited;
    private volatile int runtimePid;
    private volatile int containerPid;
    private SyncPipe sync;
    private int syncFd = -1;
    private int startFd = -1;
    private int devNull = -1;
    private int[] stdin;
    private int[] stdout;
    private int[] stderr;
    private ContainerLog log;
    private OutputPump pump;
    private volatile boolean finished;
    private ExitCommand exitCommand;
    private String originalOomScore;

    public ContainerMonitor(Settings settings, Posix posix) {
        this.settings = settings;
        this.options = settings.options();
        this.posix = posix;
        this.reaper = new ChildReaper(posix);
        this.inherited = new TreeSet<>(InheritedFds.atStart());
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
        try {
            posix.setChildSubreaper(true);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to set as subreaper", e.strerror());
        }
        reaper.start();
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
        stdin = options.stdin() && !passthrough ? posix.pipe() : null;
        stdout = passthrough ? null : posix.pipe();
        stderr = passthrough ? null : posix.pipe();

        Map<Integer, Integer> stdio = new HashMap<>();
        Set<Integer> keep = new TreeSet<>(inherited);
        keep.remove(syncFd);
        keep.remove(startFd);
        keep.remove(CallerEnvironment.fd(CallerEnvironment.ATTACH_PIPE));
        if (!passthrough) {
            keep.removeAll(Set.of(0, 1, 2));
            stdio.put(0, stdin != null ? stdin[0] : devNull);
            stdio.put(1, stdout[1]);
            stdio.put(2, stderr[1]);
        }
        List<String> argv = RuntimeCommand.argv(settings, null);
        Diagnostics.debug("calling runtime args: " + String.join(" ", argv));
        runtimePid = posix.spawn(new SpawnRequest(options.runtime(), argv, CallerEnvironment.forChildren(),
                stdio, keep, false));
        reaper.childSpawned();
        if (options.exitCommand() != null) {
            exitCommand = new ExitCommand(options.exitCommand(), options.exitCommandArgs(), options.exitDelay());
        }
        if (passthrough) {
            // the runtime has the caller's stdio now; the monitor lets go of it (spec §4 step 17)
            detachStdio();
        }
        closeAll(stdin != null ? stdin[0] : -1, stdout != null ? stdout[1] : -1, stderr != null ? stderr[1] : -1);

        ExitStatus runtimeExit = reaper.exitOf(runtimePid).join();
        if (runtimeExit.code() != 0 && !options.exec()) {
            byte[] error = readAvailable(stderr != null ? stderr[0] : -1);
            Diagnostics.warn("runtime stderr: " + new String(error));
            sync.send(-1, error);
            Diagnostics.warn("Failed to create container: exit status " + runtimeExit.code());
            return 1;
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
        reaper.watchForVanishing(containerPid);
        List<OutputPump.Source> sources = new ArrayList<>();
        if (!passthrough) {
            sources.add(new OutputPump.Source(stdout[0], StreamType.STDOUT));
            sources.add(new OutputPump.Source(stderr[0], StreamType.STDERR));
        }
        pump = new OutputPump(posix, sources, log);
        pump.start();
        return -1;
    }

    public boolean finished() {
        return finished;
    }

    /** Phase 2, in the booted application: wait for the container and record its exit (spec §12.1). */
    public int superviseUntilExit() throws InterruptedException {
        ExitStatus exit = reaper.exitOf(containerPid).join();
        pump.drainAndStop();
        log.sync();
        closeInheritedExcept(syncFd);
        new ExitFiles(options.persistDir(), options.exitDir(), options.cid()).write(exit.code());
        if (options.exec()) {
            sync.send(exit.code());
        }
        if (stdin != null) {
            posix.close(stdin[1]);
        }
        return exit.code() & 0xff;
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
        if (exitCommand != null) {
            OomScoreAdj.write(originalOomScore);
            exitCommand.run(posix, reaper, CallerEnvironment.forChildren(), devNull);
        }
    }

    private ContainerLog openLog() throws IOException {
        if (!settings.log().k8sFile()) {
            return new NoLog();
        }
        return new K8sFileLog(settings.log().k8sFilePath(), options.logSizeMax(), options.logGlobalSizeMax(),
                !options.noSyncLog());
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
