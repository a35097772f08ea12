package io.conmonj.lifecycle;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/**
 * The monitor's application side as a Quarkus command-mode application: the container is supervised
 * by {@link ConmonjMain}'s supervisor thread (which ends the process when the container's exit is
 * recorded); the booted application serves whatever needs it until then.
 */
public final class MonitorApplication implements QuarkusApplication {
    @Override
    public int run(String... args) {
        // the boot's garbage is gone for good: give the heap back before the long idle wait
        System.gc();
        Quarkus.waitForExit();
        return 0;
    }
}
