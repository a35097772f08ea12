package io.conmonj.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.conmonj.testing.ScenarioReport;

/**
 * The control: the same scenarios with Debian's /usr/bin/conmon. A scenario it fails is reported
 * (aborted with the reason, and in target/e2e/report.md), not counted against the build.
 */
class PodmanConmonIT extends PodmanScenarios {
    @RegisterExtension
    static final ScenarioReport REPORT = ScenarioReport.control("/usr/bin/conmon");

    @Override
    Path monitor() {
        return Path.of("/usr/bin/conmon");
    }
}
