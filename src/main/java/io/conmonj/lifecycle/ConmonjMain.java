package io.conmonj.lifecycle;

import java.util.Arrays;
import java.util.Set;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.cli.RawArgv;
import io.conmonj.cli.Version;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.diag.Threads;
import io.conmonj.os.InheritedFds;
import io.conmonj.os.Posix;
import io.conmonj.os.Signals;
import io.conmonj.sidecar.EndpointConfig;
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
        if (args.length > 0 && args[0].equals("gateway")) {
            // the node gateway (conmon's own command line never starts with a bare "gateway")
            io.conmonj.gateway.GatewayMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            // podman asks on every command: answered before anything else is loaded
            System.out.print(Version.text());
            halt(0);
        }
        Set<Integer> inherited = InheritedFds.atStart();
        Posix posix = Posix.load();
        Signals signals = Signals.start(posix, Threads.factory("conmonj-signals", failure -> { }));
        Diagnostics.useSyslog(posix::syslog);
        FrontStage.Outcome.Monitor monitor;
        if (Daemonizer.MONITOR_STAGE.equals(System.getenv(Daemonizer.STAGE_ENV))) {
            monitor = spawnedMonitor(args, posix);
        } else {
            FrontStage.Outcome outcome = new FrontStage(posix, Daemonizer.forThisProcess(posix, inherited)).run(args);
            if (outcome instanceof FrontStage.Outcome.Exit exit) {
                halt(exit.status());
            }
            monitor = (FrontStage.Outcome.Monitor) outcome;
        }
        int status;
        try {
            status = new ContainerMonitor(monitor.settings(), monitor.endpoints(), posix, signals, inherited).run();
        } catch (RuntimeException | Error e) {
            Diagnostics.error("Internal error: " + e);
            status = 1;
        }
        halt(status);
    }

    /** A spawned monitor re-reads the options and endpoint settings its front stage already checked. */
    private static FrontStage.Outcome.Monitor spawnedMonitor(String[] args, Posix posix) {
        try {
            return new FrontStage.Outcome.Monitor(
                    FrontStage.checkOptions(GOptionParser.parseBytes(RawArgv.of(args)).options(), posix, false),
                    EndpointConfig.load(System.getenv()));
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
