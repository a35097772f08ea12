package io.conmonj.lifecycle;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.RawArgv;
import io.conmonj.cli.Settings;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.Posix;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. The caller's process runs {@link FrontStage} without booting the application.
 * The daemonized monitor (or the --sync process) creates the container first; then a supervisor
 * thread records the container's exit (and ends the process) while Quarkus boots and runs
 * {@link MonitorApplication} alongside.
 */
@QuarkusMain
public final class ConmonjMain {
    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static Logger rootLogger;

    private ConmonjMain() {
    }

    public static void main(String... args) {
        InheritedFds.atStart();
        // The JDK's own JUL LogManager: the JBoss one the launcher jar asks for costs ~50 ms per stage on
        // the path to the pid (jffi touches JUL), and conmonj's diagnostics do not go through JUL.
        System.setProperty("java.util.logging.manager", "java.util.logging.LogManager");
        rootLogger = Logger.getLogger("");
        rootLogger.setLevel(Level.WARNING);
        Settings settings;
        if (FrontStage.MONITOR_STAGE.equals(System.getenv(FrontStage.STAGE_ENV))) {
            settings = monitorSettings(args);
        } else {
            FrontStage.Outcome outcome = FrontStage.run(args);
            settings = outcome.runInProcess();
            if (settings == null) {
                exit(outcome.exitStatus(), null);
            }
        }
        ContainerMonitor monitor = new ContainerMonitor(settings, Posix.get());
        try {
            int early = monitor.startContainer();
            if (early >= 0) {
                monitor.finish();
                exit(early, null);
            }
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            monitor.finish();
            exit(1, null);
        } catch (Exception e) {
            monitor.finish();
            exit(1, e);
        }
        // Phase 2 runs on its own thread from here on, so a short-lived container's exit is recorded at once,
        // not after the application has booted; the process ends when it is done, booted or not.
        Thread supervisor = new Thread(() -> exit(superviseToEnd(monitor), null), "conmonj-supervisor");
        supervisor.start();
        Quarkus.run(MonitorApplication.class, (status, failure) -> {
            if (failure != null) {
                // the application did not boot: the supervisor still records the container's exit
                failure.printStackTrace();
            }
        }, args);
    }

    private static int superviseToEnd(ContainerMonitor monitor) {
        try {
            return monitor.superviseUntilExit();
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return 1;
        } catch (InterruptedException | RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            monitor.finish();
        }
    }

    /** The monitor re-reads the options the caller's process already checked. */
    private static Settings monitorSettings(String[] args) {
        try {
            return FrontStage.checkOptions(GOptionParser.parseBytes(RawArgv.of(args)).options(), Posix.get(), false);
        } catch (FatalError e) {
            Diagnostics.fatal(e);
        } catch (OptionParsingException e) {
            Diagnostics.line(e.line());
        }
        exit(1, null);
        return null;
    }

    private static void exit(int status, Throwable failure) {
        if (failure != null) {
            failure.printStackTrace();
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
