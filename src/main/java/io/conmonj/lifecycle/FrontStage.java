package io.conmonj.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.FileAccess;
import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.GlibText;
import io.conmonj.cli.HelpText;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.RawArgv;
import io.conmonj.cli.Settings;
import io.conmonj.cli.Validator;
import io.conmonj.cli.Version;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.AtomicFile;
import io.conmonj.log.JournaldLog;
import io.conmonj.log.K8sFileLog;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.OomScoreAdj;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;

/**
 * The process the caller starts (spec §4 steps 1–7), kept cheap: no application boot. It checks the
 * options, creates the log file, waits on the start pipe, then daemonizes: it spawns the monitor in
 * a new session and exits 0 once --conmon-pidfile holds the monitor's pid. With --sync it becomes
 * the monitor itself.
 */
public final class FrontStage {
    /** Set in the monitor's environment; tells the entry point which stage it is. */
    public static final String STAGE_ENV = "CONMONJ_STAGE";
    public static final String MONITOR_STAGE = "monitor";
    /** The launcher that starts a monitor JVM (absent in a native binary: /proc/self/exe). */
    static final String LAUNCHER_ENV = "CONMONJ_LAUNCHER";
    /** Extra JVM options for the monitor (the launcher reads it; used to train the CDS archive). */
    static final String MONITOR_JAVA_OPTS_ENV = "CONMONJ_MONITOR_JAVA_OPTS";
    private static final int START_PIPE_READ = 8192;
    private static final String OOM_SCORE_ADJ = "/proc/self/oom_score_adj";

    /** What the front stage decided: exit with a status, or continue as the monitor in this process. */
    public record Outcome(int exitStatus, Settings runInProcess) {
    }

    private FrontStage() {
    }

    public static Outcome run(String[] args) {
        GOptionParser.Result parsed;
        try {
            parsed = GOptionParser.parseBytes(RawArgv.of(args));
        } catch (OptionParsingException e) {
            print(FileDescriptor.err, e.line() + "\n");
            return new Outcome(1, null);
        }
        if (parsed.helpRequested()) {
            print(FileDescriptor.out, HelpText.render());
            return new Outcome(0, null);
        }
        if (parsed.options().version()) {
            print(FileDescriptor.out, Version.text());
            return new Outcome(0, null);
        }
        try {
            // conmon's pre-fork SIGTERM handler: _exit(1) at once, no cleanup
            Signals.exitOnTerm(1);
            Posix posix = Posix.get();
            posix.umask(022);
            Settings settings = checkOptions(parsed.options(), posix, true);
            tryOomScoreAdj(posix);
            int startFd = CallerEnvironment.pipeFd(posix, CallerEnvironment.START_PIPE);
            if (startFd > 0) {
                awaitStartByte(posix, startFd);
                if (!settings.options().execAttach()) {
                    posix.close(startFd);
                }
            }
            if (settings.options().sync()) {
                return new Outcome(0, settings);
            }
            int monitorPid = spawnMonitor(posix, settings, args, startFd);
            writeConmonPidfile(posix, settings, monitorPid);
            return new Outcome(0, null);
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return new Outcome(1, null);
        }
    }

    /**
     * conmon's option checks (src/cli.c process_cli) with the steps it takes between them, in its order:
     * diagnostics are configured before the mode checks, the k8s-file log is opened before the log
     * options are checked. The monitor re-runs the checks without the steps the caller's process took.
     */
    static Settings checkOptions(ConmonOptions options, Posix posix, boolean firstRun) {
        Validator.checkEarly(options);
        Diagnostics.configure(options.cid(), options.logTag(), options.syslog(), options.logLevel());
        Settings settings = Validator.validate(options, cwd(), FileAccess.of(posix));
        if (firstRun && settings.log().k8sFile()) {
            try {
                K8sFileLog.createIfMissing(posix, settings.log().k8sFilePath());
            } catch (OsException e) {
                throw FatalError.withCause("Failed to open log file", e.strerror());
            }
        }
        Validator.checkLogDrivers(settings);
        if (firstRun) {
            Validator.warnings(settings).forEach(Diagnostics::warn);
        }
        return settings;
    }

    /**
     * conmon's attempt_oom_adjust (src/oom.c) in the caller's process, for its debug messages where
     * the score cannot be lowered. The monitor sets its own score (after its runtime has started with
     * the caller's), so a lowered score is put back here at once.
     */
    private static void tryOomScoreAdj(Posix posix) {
        String original = OomScoreAdj.read();
        int fd;
        try {
            fd = posix.open(OOM_SCORE_ADJ, Posix.O_WRONLY | Posix.O_CLOEXEC, 0);
        } catch (OsException e) {
            Diagnostics.debug("failed to open " + OOM_SCORE_ADJ + ": " + e.strerror() + "\n");
            return;
        }
        try {
            posix.writeFully(fd, "-1000".getBytes(StandardCharsets.US_ASCII));
            OomScoreAdj.write(original);
        } catch (OsException e) {
            Diagnostics.debug("failed to write to " + OOM_SCORE_ADJ + ": " + e.strerror() + "\n");
        } finally {
            posix.close(fd);
        }
    }

    private static void awaitStartByte(Posix posix, int startFd) {
        try {
            posix.read(startFd, ByteBuffer.allocateDirect(START_PIPE_READ));
        } catch (OsException e) {
            throw FatalError.withCause("start-pipe read failed", e.strerror());
        }
    }

    private static int spawnMonitor(Posix posix, Settings settings, String[] args, int startFd) {
        Set<Integer> keep = new TreeSet<>(InheritedFds.atStart());
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
        String launcher = System.getenv(LAUNCHER_ENV);
        if (launcher == null) {
            launcher = "/proc/self/exe";
        }
        List<String> argv = new java.util.ArrayList<>();
        argv.add(launcher);
        argv.addAll(List.of(args));
        Map<String, String> extra = new HashMap<>();
        extra.put(STAGE_ENV, MONITOR_STAGE);
        extra.put(InheritedFds.ENV, InheritedFds.format(keep));
        if (System.getenv(LAUNCHER_ENV) != null) {
            extra.put(LAUNCHER_ENV, launcher);
        }
        // conmonj's own variables the monitor still needs (the runtime gets none of them)
        for (String name : List.of(MONITOR_JAVA_OPTS_ENV, JournaldLog.SOCKET_ENV)) {
            String value = System.getenv(name);
            if (value != null) {
                extra.put(name, value);
            }
        }
        try {
            // blocked from the first instruction, so that every JVM thread keeps them blocked (see Signals)
            return posix.spawn(new SpawnRequest(launcher, argv, CallerEnvironment.withExtra(extra), stdio, keep, true,
                    Signals.FORWARDED));
        } catch (OsException e) {
            throw FatalError.withCause("Failed to fork the create command", e.strerror());
        } finally {
            if (devNull >= 0) {
                posix.close(devNull);
            }
        }
    }

    private static void writeConmonPidfile(Posix posix, Settings settings, int monitorPid) {
        String path = settings.options().conmonPidfile();
        if (path == null) {
            return;
        }
        try {
            AtomicFile.write(posix, path, Integer.toString(monitorPid));
        } catch (AtomicFile.Failure e) {
            throw FatalError.withCause("Failed to write conmon pidfile: " + e.getMessage(), OsException.describe(e.errno()));
        }
    }

    private static String cwd() {
        return Path.of("").toAbsolutePath().toString();
    }

    /** As conmon's g_print/g_printerr: in the locale's charset. */
    private static void print(FileDescriptor fd, String text) {
        try {
            new FileOutputStream(fd).write(GlibText.printed(text));
        } catch (java.io.IOException e) {
            // nowhere to report it
        }
    }
}
