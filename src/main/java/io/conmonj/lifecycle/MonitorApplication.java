package io.conmonj.lifecycle;

import java.nio.file.Path;
import java.util.List;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.Settings;
import io.conmonj.cli.Validator;
import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.os.Posix;
import io.quarkus.runtime.QuarkusApplication;

/** The monitor as a Quarkus command-mode application: the one full application boot per container. */
public final class MonitorApplication implements QuarkusApplication {
    @Override
    public int run(String... args) throws Exception {
        try {
            Settings settings = Validator.validate(GOptionParser.parse(List.of(args)).options(),
                    Path.of("").toAbsolutePath().toString(), false);
            return new ContainerMonitor(settings, Posix.get()).run();
        } catch (FatalError e) {
            Diagnostics.line(e.line());
            return 1;
        }
    }
}
