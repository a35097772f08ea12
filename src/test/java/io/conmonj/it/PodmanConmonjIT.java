package io.conmonj.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.ScenarioReport;

/** The end-to-end scenarios with podman running conmonj: every one must pass. */
class PodmanConmonjIT extends PodmanScenarios {
    @RegisterExtension
    static final ScenarioReport REPORT = ScenarioReport.subject("conmonj");

    @Override
    Path monitor() {
        return Bundles.LAUNCHER;
    }
}
