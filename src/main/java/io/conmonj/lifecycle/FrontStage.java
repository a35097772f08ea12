package io.conmonj.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.HelpText;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.Settings;
import io.conmonj.cli.Validator;
import io.conmonj.cli.Version;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.exit.AtomicFile;
import io.conmonj.os.IoErrors;
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
            parsed = GOptionParser.parse(List.of(args));
        } catch (OptionParsingException e) {
            Diagnostics.line(e.line());
            return new Outcome.Exit(1);
        }
        if (parsed.helpRequested()) {
            stdout(HelpText.render());
            return new Outcome.Exit(0);
        }
        if (parsed.options().version()) {
            stdout(Version.text());
            return new Outcome.Exit(0);
        }
        try {
            posix.umask(022);
            Settings settings = Validator.validate(parsed.options(), cwd(), true);
            // the endpoint's settings are checked here, before anything is forked, like the options
            EndpointConfig endpoints = EndpointConfig.load(System.getenv());
            int startFd = CallerEnvironment.fd(CallerEnvironment.START_PIPE);
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
            throw FatalError.withCause("Failed to fork", e.strerror());
        }
        writeConmonPidfile(settings, result.monitorPid());
        result.announced().run();
        return result.continueHere() ? new Outcome.Monitor(settings, endpoints) : new Outcome.Exit(0);
    }

    private void awaitStartByte(int startFd) {
        try {
            posix.setCloseOnExec(startFd, true);
            posix.read(startFd, ByteBuffer.allocateDirect(START_PIPE_READ));
        } catch (OsException e) {
            throw FatalError.withCause("start-pipe read failed", e.strerror());
        }
    }

    private static void writeConmonPidfile(Settings settings, long monitorPid) {
        String path = settings.options().conmonPidfile();
        if (path == null) {
            return;
        }
        try {
            AtomicFile.write(Path.of(path), Long.toString(monitorPid));
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
