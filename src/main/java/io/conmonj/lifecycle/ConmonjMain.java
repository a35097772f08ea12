package io.conmonj.lifecycle;

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

    public static void main(String... args) {
        if (FrontStage.MONITOR_STAGE.equals(System.getenv(FrontStage.STAGE_ENV))) {
            Quarkus.run(MonitorApplication.class, ConmonjMain::exit, args);
            return;
        }
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
