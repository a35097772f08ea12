package io.conmonj.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.ScenarioReport;

/** The podman end-to-end scenarios once more, podman running the native executable as its monitor: every one must pass. */
class PodmanNativeIT extends PodmanScenarios {
    @RegisterExtension
    static final ScenarioReport REPORT = ScenarioReport.subject("conmonj-native");

    @Override
    Path monitor() {
        return Bundles.LAUNCHER;
    }
}
