package io.conmonj.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.HelpText;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.Settings;
import io.conmonj.cli.Validator;
import io.conmonj.cli.Version;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.AtomicFile;
import io.conmonj.log.JournaldLog;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.IoErrors;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.os.SpawnRequest;
import io.conmonj.sidecar.EndpointConfig;

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

    /** What the front stage decided: exit with a status, or continue as the monitor in this process. */
    public record Outcome(int exitStatus, Settings runInProcess, EndpointConfig endpoints) {
        Outcome(int exitStatus, Settings runInProcess) {
            this(exitStatus, runInProcess, null);
        }
    }

    private FrontStage() {
    }

    public static Outcome run(String[] args) {
        GOptionParser.Result parsed;
        try {
            parsed = GOptionParser.parse(List.of(args));
        } catch (OptionParsingException e) {
            Diagnostics.line(e.line());
            return new Outcome(1, null);
        }
        if (parsed.helpRequested()) {
            stdout(HelpText.render());
            return new Outcome(0, null);
        }
        if (parsed.options().version()) {
            stdout(Version.text());
            return new Outcome(0, null);
        }
        try {
            // conmon's pre-fork SIGTERM handler: _exit(1) at once, no cleanup
            Signals.exitOnTerm(1);
            Posix posix = Posix.get();
            posix.umask(022);
            Settings settings = Validator.validate(parsed.options(), cwd(), true);
            // the endpoint's settings are checked here, before anything is forked, like the options
            EndpointConfig endpoints = EndpointConfig.load(System.getenv());
            int startFd = CallerEnvironment.fd(CallerEnvironment.START_PIPE);
            if (startFd > 0) {
                awaitStartByte(posix, startFd);
                if (!settings.options().execAttach()) {
                    posix.close(startFd);
                }
            }
            if (settings.options().sync()) {
                return new Outcome(0, settings, endpoints);
            }
            int monitorPid = spawnMonitor(posix, settings, args, startFd);
            writeConmonPidfile(settings, monitorPid);
            return new Outcome(0, null);
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return new Outcome(1, null);
        }
    }

    private static void awaitStartByte(Posix posix, int startFd) {
        try {
            posix.setCloseOnExec(startFd, true);
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
        List<String> passed = new java.util.ArrayList<>(List.of(MONITOR_JAVA_OPTS_ENV, JournaldLog.SOCKET_ENV));
        passed.addAll(EndpointConfig.ENV_NAMES);
        for (String name : passed) {
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
            throw FatalError.withCause("Failed to fork", e.strerror());
        } finally {
            if (devNull >= 0) {
                posix.close(devNull);
            }
        }
    }

    private static void writeConmonPidfile(Settings settings, int monitorPid) {
        String path = settings.options().conmonPidfile();
        if (path == null) {
            return;
        }
        try {
            AtomicFile.write(Path.of(path), Integer.toString(monitorPid));
        } catch (IOException e) {
            throw FatalError.withCause("Failed to write conmon pidfile: Failed to create file \u201c" + path
                    + ".XXXXXX\u201d: " + IoErrors.strerror(e), IoErrors.strerror(e));
        }
    }

    private static String cwd() {
        return Path.of("").toAbsolutePath().toString();
    }

    private static void stdout(String text) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.print(text);
        out.flush();
    }
}
