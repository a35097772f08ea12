package io.conmonj.lifecycle;

import io.conmonj.os.InheritedFds;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. The caller's process runs {@link FrontStage} without booting the application;
 * the daemonized monitor (or the --sync process) boots Quarkus and runs {@link MonitorApplication}.
 */
@QuarkusMain
public final class ConmonjMain {
    private ConmonjMain() {
    }

    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static final java.util.logging.Logger ROOT_LOGGER = java.util.logging.Logger.getLogger("");

    public static void main(String... args) {
        InheritedFds.atStart();
        if (FrontStage.MONITOR_STAGE.equals(System.getenv(FrontStage.STAGE_ENV))) {
            Quarkus.run(MonitorApplication.class, ConmonjMain::exit, args);
            return;
        }
        // Before the application boots, nothing configures logging: keep library chatter (jffi) quiet.
        ROOT_LOGGER.setLevel(java.util.logging.Level.WARNING);
        FrontStage.Outcome outcome = FrontStage.run(args);
        if (outcome.runInProcess() == null) {
            exit(outcome.exitStatus(), null);
        }
        Quarkus.run(MonitorApplication.class, ConmonjMain::exit, args);
    }

    private static void exit(int status, Throwable failure) {
        if (failure != null) {
            failure.printStackTrace();
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
