package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.cli.ArgvGenerator;
import io.conmonj.diag.MessageCatalogue;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.CommandLineRun;

/**
 * Every message of conmon's catalogue that a command line reaches, from the built launcher: the
 * catalogue's command line (and _OCI_STARTPIPE, an fd conmonj cannot read unless the entry sets it)
 * makes conmonj print conmon's line and exit 1.
 */
class MessageCatalogueIT {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> conmonjPrintsConmonsLine() {
        return MessageCatalogue.entries().stream()
                .filter(e -> e.conmonj().startsWith("run "))
                .map(e -> DynamicTest.dynamicTest(e.sourceFile() + ": " + e.text(), () -> check(e)));
    }

    private void check(MessageCatalogue.Entry entry) throws Exception {
        String[] spec = entry.conmonj().substring("run ".length()).split(" => ", 2);
        String expected = entry.prefix() + (spec.length > 1 ? spec[1] : entry.text());
        Path dir = CommandLineRun.caseDirectory(tmp.resolve("case-" + Integer.toHexString(entry.hashCode())));
        List<String> env = new ArrayList<>(List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"));
        List<String> args = new ArrayList<>();
        String startPipe = "3";
        for (String word : spec[0].split(" ")) {
            String arg = word.equals("''") ? "" : word.replace(ArgvGenerator.CASE_DIR, dir.toString());
            if (args.isEmpty() && arg.startsWith("_OCI_STARTPIPE=")) {
                startPipe = arg.substring("_OCI_STARTPIPE=".length());
            } else if (args.isEmpty() && arg.matches("[A-Z_]+=.*")) {
                env.add(arg);
            } else {
                args.add(arg);
            }
        }
        CommandLineRun run = CommandLineRun.run(Bundles.LAUNCHER.toString(), args, dir, env, startPipe,
                Duration.ofSeconds(30));
        assertEquals(1, run.exitStatus(), run.stderr());
        assertTrue(run.stderr().lines().anyMatch(expected::equals), "expected " + expected + " in:\n" + run.stderr());
    }
}
