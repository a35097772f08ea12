package io.conmonj.lifecycle;

import java.util.Set;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.RawArgv;
import io.conmonj.cli.Settings;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.diag.Threads;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. A monitor boots nothing but itself: the front stage checks the options and
 * daemonizes ({@link FrontStage}), then {@link ContainerMonitor} runs the container's whole life on
 * one event loop and the process ends with its status.
 */
@QuarkusMain
public final class ConmonjMain {
    private ConmonjMain() {
    }

    public static void main(String... args) {
        Set<Integer> inherited = InheritedFds.atStart();
        Posix posix = Posix.load();
        Signals signals = Signals.start(posix, Threads.factory("conmonj-signals", failure -> { }));
        Diagnostics.useSyslog(posix::syslog);
        Settings settings;
        if (Daemonizer.MONITOR_STAGE.equals(System.getenv(Daemonizer.STAGE_ENV))) {
            settings = monitorSettings(args, posix);
        } else {
            FrontStage.Outcome outcome = new FrontStage(posix, Daemonizer.forThisProcess(posix, inherited)).run(args);
            if (outcome instanceof FrontStage.Outcome.Exit exit) {
                halt(exit.status());
            }
            settings = ((FrontStage.Outcome.Monitor) outcome).settings();
        }
        int status;
        try {
            status = new ContainerMonitor(settings, posix, signals, inherited).run();
        } catch (RuntimeException | Error e) {
            Diagnostics.error("Internal error: " + e);
            status = 1;
        }
        halt(status);
    }

    /** A spawned monitor re-reads the options its front stage already checked. */
    private static Settings monitorSettings(String[] args, Posix posix) {
        try {
            return FrontStage.checkOptions(GOptionParser.parseBytes(RawArgv.of(args)).options(), posix, false);
        } catch (FatalError e) {
            Diagnostics.fatal(e);
        } catch (OptionParsingException e) {
            Diagnostics.line(e.line());
        }
        halt(1);
        return null;
    }

    /** Ends the process now: nothing of the monitor waits for shutdown hooks. */
    private static void halt(int status) {
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
