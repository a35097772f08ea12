package io.conmonj.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
import io.conmonj.log.K8sFileLog;
import io.conmonj.os.OomScoreAdj;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.sidecar.EndpointConfig;

/**
 * What runs in the process the caller started (conmon's {@code main()} up to its fork): check the
 * options, create the log file, wait on the start pipe, then daemonize. conmon forks here; a JVM
 * cannot, so the monitor comes about in one of the ways {@link Daemonizer} offers. With --sync there
 * is no daemon: this process goes on as the monitor.
 */
public final class FrontStage {
    private static final int START_PIPE_READ = 8192;
    private static final String OOM_SCORE_ADJ = "/proc/self/oom_score_adj";

    /** What the front stage decided. */
    public sealed interface Outcome {
        /** Exit the process with this status (usage errors, --help, the caller's process after daemonizing). */
        record Exit(int status) implements Outcome {
        }

        /** Go on as the container's monitor, in this process. */
        record Monitor(Settings settings, EndpointConfig endpoints) implements Outcome {
        }
    }

    private final Posix posix;
    private final Daemonizer daemonizer;

    public FrontStage(Posix posix, Daemonizer daemonizer) {
        this.posix = posix;
        this.daemonizer = daemonizer;
    }

    public Outcome run(String[] args) {
        GOptionParser.Result parsed;
        try {
            parsed = GOptionParser.parseBytes(RawArgv.of(args));
        } catch (OptionParsingException e) {
            print(FileDescriptor.err, e.line() + "\n");
            return new Outcome.Exit(1);
        }
        if (parsed.helpRequested()) {
            print(FileDescriptor.out, HelpText.render());
            return new Outcome.Exit(0);
        }
        if (parsed.options().version()) {
            print(FileDescriptor.out, Version.text());
            return new Outcome.Exit(0);
        }
        try {
            posix.umask(022);
            Settings settings = checkOptions(parsed.options(), posix, true);
            // the endpoint's settings are checked here, before anything is forked, like the options
            EndpointConfig endpoints = EndpointConfig.load(System.getenv());
            tryOomScoreAdj();
            int startFd = CallerEnvironment.pipeFd(posix, CallerEnvironment.START_PIPE);
            if (startFd > 0) {
                awaitStartByte(startFd);
                if (!settings.options().execAttach()) {
                    posix.close(startFd);
                }
            }
            if (settings.options().sync()) {
                return new Outcome.Monitor(settings, endpoints);
            }
            return daemonize(settings, endpoints, args, startFd);
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return new Outcome.Exit(1);
        }
    }

    /** The monitor gets its own session and the caller's process ends once --conmon-pidfile names it. */
    private Outcome daemonize(Settings settings, EndpointConfig endpoints, String[] args, int startFd) {
        Daemonizer.Result result;
        try {
            result = daemonizer.daemonize(settings, args, startFd);
        } catch (OsException e) {
            throw FatalError.withCause("Failed to fork the create command", e.strerror());
        }
        writeConmonPidfile(posix, settings, result.monitorPid());
        result.announced().run();
        return result.continueHere() ? new Outcome.Monitor(settings, endpoints) : new Outcome.Exit(0);
    }

    /**
     * conmon's option checks (src/cli.c process_cli) with the steps it takes between them, in its order:
     * diagnostics are configured before the mode checks, the k8s-file log is opened before the log
     * options are checked. A spawned monitor re-runs the checks without the steps the caller's process took.
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
    private void tryOomScoreAdj() {
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

    private void awaitStartByte(int startFd) {
        try {
            posix.read(startFd, ByteBuffer.allocateDirect(START_PIPE_READ));
        } catch (OsException e) {
            throw FatalError.withCause("start-pipe read failed", e.strerror());
        }
    }

    private static void writeConmonPidfile(Posix posix, Settings settings, long monitorPid) {
        String path = settings.options().conmonPidfile();
        if (path == null) {
            return;
        }
        try {
            AtomicFile.write(posix, path, Long.toString(monitorPid));
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
        } catch (IOException e) {
            // nowhere to report it
        }
    }
}
