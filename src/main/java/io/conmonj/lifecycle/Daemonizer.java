package io.conmonj.lifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.conmonj.cli.Settings;
import io.conmonj.log.JournaldLog;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;
import io.conmonj.sidecar.EndpointConfig;

/**
 * How the monitor leaves the caller's process behind, where conmon forks: the caller's process must
 * exit 0 once --conmon-pidfile names the monitor, and the monitor must run in a session of its own.
 */
public sealed interface Daemonizer {
    /** The launcher's descriptor that waits for {@link InPlace}'s word. */
    String LAUNCHER_FD_ENV = "CONMONJ_LAUNCHER_FD";
    /** Set in a spawned monitor's environment; tells the entry point which stage it is. */
    String STAGE_ENV = "CONMONJ_STAGE";
    String MONITOR_STAGE = "monitor";
    /** The launcher that starts a monitor JVM (absent in a native binary: the executable itself). */
    String LAUNCHER_ENV = "CONMONJ_LAUNCHER";

    /** The monitor's pid; announced runs after the pid file is written; continueHere: this process is the monitor. */
    record Result(long monitorPid, Runnable announced, boolean continueHere) {
    }

    Result daemonize(Settings settings, String[] args, int startFd);

    /** The daemonizer for this process: in place when a launcher waits for it, else a spawned monitor. */
    static Daemonizer forThisProcess(Posix posix, Set<Integer> inherited) {
        String launcherFd = System.getenv(LAUNCHER_FD_ENV);
        if (launcherFd != null) {
            return new InPlace(posix, Integer.parseInt(launcherFd));
        }
        String launcher = System.getenv(LAUNCHER_ENV);
        return new Respawn(posix, launcher != null ? launcher : self(), launcher != null, inherited);
    }

    /**
     * This executable by its real path: spawned as /proc/self/exe the monitor's comm would be "exe"
     * (ps, top and pgrep show the name the program was executed by).
     */
    private static String self() {
        try {
            return java.nio.file.Path.of("/proc/self/exe").toRealPath().toString();
        } catch (java.io.IOException e) {
            return "/proc/self/exe";
        }
    }

    /**
     * The JVM launcher started this process in the background and is the caller's process: this
     * process takes a session of its own, lets go of the caller's stdio, and tells the launcher, which
     * then exits 0. One process per container, as with conmon.
     */
    record InPlace(Posix posix, int launcherFd) implements Daemonizer {
        @Override
        public Result daemonize(Settings settings, String[] args, int startFd) {
            posix.setsid();
            return new Result(ProcessHandle.current().pid(), () -> {
                if (!settings.log().passthrough()) {
                    int devNull = posix.open("/dev/null", Posix.O_RDWR | Posix.O_CLOEXEC, 0);
                    for (int fd = 0; fd <= 2; fd++) {
                        posix.dup2(devNull, fd);
                    }
                    posix.close(devNull);
                }
                posix.write(launcherFd, ByteBuffer.allocateDirect(2).put("0\n".getBytes(StandardCharsets.US_ASCII)).flip());
                posix.close(launcherFd);
            }, true);
        }
    }

    /**
     * A new monitor process, spawned from this program in a new session with the monitor's signals
     * blocked from its first instruction (so every thread it starts keeps them blocked and they
     * arrive on a signalfd); the caller's fds it needs are passed on, stdio is /dev/null.
     */
    record Respawn(Posix posix, String program, boolean viaLauncher, Set<Integer> inherited) implements Daemonizer {
        @Override
        public Result daemonize(Settings settings, String[] args, int startFd) {
            Set<Integer> keep = new TreeSet<>(inherited);
            if (!settings.options().execAttach()) {
                keep.remove(startFd);
            }
            Map<Integer, Integer> stdio = new HashMap<>();
            int devNull = -1;
            if (!settings.log().passthrough()) {
                devNull = posix.open("/dev/null", Posix.O_RDWR | Posix.O_CLOEXEC, 0);
                keep.removeAll(Set.of(0, 1, 2));
                stdio.put(0, devNull);
                stdio.put(1, devNull);
                stdio.put(2, devNull);
            }
            List<String> argv = new ArrayList<>();
            argv.add(program);
            argv.addAll(List.of(args));
            Map<String, String> extra = new HashMap<>();
            extra.put(STAGE_ENV, MONITOR_STAGE);
            extra.put(InheritedFds.ENV, InheritedFds.format(keep));
            if (viaLauncher) {
                extra.put(LAUNCHER_ENV, program);
            }
            // conmonj's own variables the monitor still needs (the runtime gets none of them)
            List<String> passed = new ArrayList<>(EndpointConfig.ENV_NAMES);
            passed.add(JournaldLog.SOCKET_ENV);
            for (String name : passed) {
                String value = System.getenv(name);
                if (value != null) {
                    extra.put(name, value);
                }
            }
            try {
                return new Result(posix.spawn(new SpawnRequest(program, argv, CallerEnvironment.withExtra(extra), stdio,
                        keep, true, Signals.MONITORED)), () -> { }, false);
            } finally {
                if (devNull >= 0) {
                    posix.close(devNull);
                }
            }
        }
    }
}
