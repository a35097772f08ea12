package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.cli.ArgvGenerator;
import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.OptionParsingException;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.CommandLineRun;
import io.conmonj.testing.Subreaper;

/**
 * conmonj and /usr/bin/conmon (2.1.6, the oracle) on the same random command lines: the same exit
 * status, the same messages (see {@link OracleComparison} for what is normalized), the same log and pid
 * files left behind. Each case runs both in directories of the same shape; most stop before the fork
 * (a start pipe that cannot be read, or a malformed one), some daemonize with /bin/false as the
 * runtime, their monitors waited for. {@code -Dfuzz.cases=N -Dfuzz.seed=S} (scripts/fuzz-cli.sh) runs more; a case is
 * reproduced alone with {@code -Dfuzz.only=I}. Differences are written to target/fuzz-cli/.
 */
class CommandLineDifferentialIT {
    private static final Path ORACLE = Path.of("/usr/bin/conmon");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    @Test
    void conmonjAnswersEveryCommandLineAsConmonDoes() throws Exception {
        assumeTrue(Files.isExecutable(ORACLE), "no /usr/bin/conmon");
        long seed = Long.getLong("fuzz.seed", 14);
        int cases = Integer.getInteger("fuzz.cases", 200);
        Integer only = Integer.getInteger("fuzz.only");
        List<String> differences = new ArrayList<>();
        int forked = 0;
        try (Subreaper reaper = Subreaper.become()) {
            for (int i = only == null ? 0 : only; i < (only == null ? cases : only + 1); i++) {
                Case c = Case.generate(seed, i);
                forked += c.startPipe == null ? 1 : 0;
                OracleComparison conmon = run(c, ORACLE.toString(), reaper, true);
                OracleComparison conmonj = run(c, Bundles.LAUNCHER.toString(), reaper, false);
                if (!conmon.equals(conmonj)) {
                    differences.add(c.describe() + "\n  conmon : " + conmon + "\n  conmonj: " + conmonj);
                }
            }
        }
        String summary = String.format("seed %d: %d cases (%d daemonized), %d differences", seed,
                only == null ? cases : 1, forked, differences.size());
        report(seed, summary, differences);
        assertEquals(List.of(), differences, summary);
    }

    private OracleComparison run(Case c, String binary, Subreaper reaper, boolean oracle)
            throws IOException, InterruptedException {
        Path dir = CommandLineRun.caseDirectory(tmp.resolve("case-" + c.index + "/" + (oracle ? "conmon" : "conmonj")));
        List<String> args = c.argv.stream().map(a -> a.replace(ArgvGenerator.CASE_DIR, dir.toString())).toList();
        List<String> env = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=" + c.lang);
        CommandLineRun run = CommandLineRun.run(binary, args, dir, env, c.startPipe, RUN_TIMEOUT);
        if (c.startPipe == null) {
            reaper.awaitChildren(MONITOR_TIMEOUT);
        }
        return oracle ? OracleComparison.ofConmon(run, dir) : OracleComparison.ofConmonj(run, dir);
    }

    private static void report(long seed, String summary, List<String> differences) throws IOException {
        Path out = Bundles.PROJECT.resolve("target/fuzz-cli");
        Files.createDirectories(out);
        Files.writeString(out.resolve("seed-" + seed + ".txt"),
                summary + "\n\n" + String.join("\n\n", differences) + "\n");
        System.out.println(summary);
    }

    /**
     * One generated case: the command line, the locale, and the start pipe: "3" (an fd that cannot be
     * read: the run stops before the fork), now and then a malformed value or a closed fd (which stop
     * it too), or none (it daemonizes).
     */
    private record Case(int index, List<String> argv, String lang, String startPipe) {
        private static final List<String> ODD_START_PIPES = List.of("abc", "-1", "99", " 3", "3x", "3 ", "+3",
                "99999999999999999999", "4294967299");

        static Case generate(long seed, int index) {
            long caseSeed = seed * 1_000_003L + index;
            List<String> argv = new ArgvGenerator(caseSeed).next();
            Random random = new Random(~caseSeed);
            String lang = random.nextInt(5) == 0 ? "C" : "C.UTF-8";
            String startPipe = random.nextInt(10) == 0 ? ODD_START_PIPES.get(random.nextInt(ODD_START_PIPES.size())) : "3";
            return new Case(index, argv, lang, mayDaemonize(argv) && random.nextInt(3) == 0 ? null : startPipe);
        }

        /**
         * A monitor may only start where its attach-socket link stays in the case directory (never
         * in /var/run/crio); conmonj's own parser tells, the same for both runs. Not with
         * --sdnotify-socket: setting up its proxy fails in conmon's forked monitor while that still
         * has the caller's stderr, where conmonj's monitor starts on /dev/null (a difference kept,
         * see the README).
         */
        private static boolean mayDaemonize(List<String> argv) {
            try {
                ConmonOptions o = GOptionParser.parse(argv).options();
                return o.sdnotifySocket() == null && (o.fullAttach()
                        || (o.socketDirPath() != null && o.socketDirPath().startsWith(ArgvGenerator.CASE_DIR)));
            } catch (OptionParsingException e) {
                return false;
            }
        }

        String describe() {
            return "case " + index + " (LANG=" + lang + ", " + (startPipe == null ? "daemonizes" : "_OCI_STARTPIPE='" + startPipe + "'") + "): "
                    + String.join(" ", argv.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList());
        }
    }
}
