package io.conmonj.lifecycle;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.quarkus.runtime.QuarkusApplication;

/**
 * The monitor's second phase as a Quarkus command-mode application: the container is running
 * (phase 1 ran before the boot); supervise it until it exits.
 */
public final class MonitorApplication implements QuarkusApplication {
    /** Handed over from {@link ConmonjMain}: the application boots after the container exists. */
    static volatile ContainerMonitor monitor;

    @Override
    public int run(String... args) throws Exception {
        // the boot's garbage is gone for good: give the heap back before the long idle wait
        System.gc();
        try {
            return monitor.superviseUntilExit();
        } catch (FatalError e) {
            Diagnostics.fatal(e);
            return 1;
        } finally {
            monitor.finish();
        }
    }
}
