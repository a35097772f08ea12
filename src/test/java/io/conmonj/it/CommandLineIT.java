package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.CommandLineRun;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Conmonj;

/** The built launcher's answers to bad options, --help and --version (docs/behaviour.md §2.3, §16). */
class CommandLineIT {
    @TempDir
    Path tmp;

    static List<Arguments> badOptions() {
        return List.of(
                Arguments.of("--foo", "conmon: option parsing failed: Unknown option --foo"),
                Arguments.of("--cid", "conmon: option parsing failed: Missing argument for --cid"),
                Arguments.of("-T abc", "conmon: option parsing failed: Cannot parse integer value \u201cabc\u201d for -T"),
                Arguments.of("--timeout 99999999999", "conmon: option parsing failed: Integer value \u201c99999999999\u201d for --timeout out of range"),
                Arguments.of("-T 08 --cid x", "conmon: option parsing failed: Cannot parse integer value \u201c08\u201d for -T"),
                Arguments.of("--log-size-max 0x8000000000000000", "conmon: option parsing failed: Integer value \u201c0x8000000000000000\u201d for --log-size-max out of range"),
                Arguments.of("-tx", "conmon: option parsing failed: Unknown option -tx"),
                Arguments.of("-cu x y", "conmon: option parsing failed: Error parsing option -u"),
                Arguments.of("--version --foo", "conmon: option parsing failed: Unknown option --foo"),
                Arguments.of("--log-max-files -1", "conmon: log-max-files must be non-negative, got -1"),
                Arguments.of("--log-rotate --log-max-files 0", "conmon: log-max-files must be at least 1 when log-rotate is enabled, got 0"),
                Arguments.of("-T 5", "conmon: Container ID not provided. Use --cid"),
                Arguments.of("-- --cid x", "conmon: Container ID not provided. Use --cid"),
                Arguments.of("--cid x --log-level foo", "[conmon:e]: No such log level foo"),
                Arguments.of("--cid x -e --restore a", "[conmon:e]: Cannot use 'exec' and 'restore' at the same time"),
                Arguments.of("--cid x --exec-attach", "[conmon:e]: Attach can only be specified with exec"),
                Arguments.of("--cid x -e --exec-attach", "[conmon:e]: Attach can only be specified for a non-legacy exec session"),
                Arguments.of("--cid x", "[conmon:e]: Container UUID not provided. Use --cuuid"),
                Arguments.of("--cid x --cuuid y", "[conmon:e]: Runtime path not provided. Use --runtime"),
                Arguments.of("--cid x --cuuid y -r /nonexistent", "[conmon:e]: Runtime path /nonexistent is not valid No such file or directory"),
                Arguments.of("--cid x -e -u y -r /tmp", "[conmon:e]: Exec process spec path not provided. Use --exec-process-spec"),
                Arguments.of("--cid x -u y -r /tmp --exit-delay -1", "[conmon:e]: Delay before invoking exit command must be greater than or equal to 0"),
                Arguments.of("--cid x -u y -r /tmp", "[conmon:e]: Log driver not provided. Use --log-path"),
                Arguments.of("--cid x -u y -r /tmp -l k8s-file", "[conmon:e]: k8s-file requires a filename"),
                Arguments.of("--cid x -u y -r /tmp -l bogus:x", "[conmon:e]: No such log driver bogus"),
                Arguments.of("--cid x -u y -r /tmp -l :", "[conmon:e]: log-path must not be empty"),
                Arguments.of("--cid x -u y -r /tmp -l /nonexistent/dir/log", "[conmon:e]: Failed to open log file No such file or directory"),
                Arguments.of("--cid x -u y -r /tmp -l journald", "[conmon:e]: Container ID must be longer than 12 characters"),
                Arguments.of("--cid x -u y -r /tmp -l /tmp/conmonj-it.log --log-tag t", "[conmon:e]: k8s-file doesn't support --log-tag"),
                Arguments.of("--cid x -u y -r /tmp -l /nonexistent/log --log-tag t", "[conmon:e]: Failed to open log file No such file or directory"),
                Arguments.of("--cid x -u y -r /tmp -l journald --log-label a=b", "[conmon:e]: Container ID must be longer than 12 characters"),
                Arguments.of("--cid 0123456789abc -u y -r /tmp -l journald --log-label a=b",
                        "[conmon:e]: Container label names must contain only uppercase letters, numbers and underscore (in 'a=b')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionsGiveConmonsMessageAndExitStatus1(String args, String message) throws Exception {
        Conmonj c = Conmonj.withArgs(tmp, args.split(" ")).withoutPipes().start();
        assertEquals(1, c.waitFirstProcess());
        assertEquals(message + "\n", c.stderr());
        assertEquals("", c.stdout());
    }

    @Test
    void anEmptyRuntimePathIsNotTheWorkingDirectory() throws Exception {
        Conmonj c = Conmonj.withArgs(tmp, "--cid", "x", "-u", "y", "-r", "", "-l", tmp.resolve("ctr.log").toString())
                .withoutPipes().start();
        assertEquals(1, c.waitFirstProcess());
        assertEquals("[conmon:e]: Runtime path  is not valid No such file or directory\n", c.stderr());
    }

    @Test
    void aConmonPidfileThatCannotBeRenamedIntoPlaceGetsGlibsMessage() throws Exception {
        Files.createDirectory(tmp.resolve("dir"));
        for (String pidfile : List.of(tmp.resolve("dir").toString(), "")) {
            Conmonj c = Conmonj.withArgs(tmp, "--cid", "x", "-u", "y", "-r", "/bin/false", "-l", tmp.resolve("ctr.log").toString(),
                    "--full-attach", "-b", tmp.toString(), "-P", pidfile).withoutPipes().start();
            assertEquals(1, c.waitFirstProcess());
            String errno = pidfile.isEmpty() ? "No such file or directory" : "Is a directory";
            assertTrue(c.stderr().matches("\\[conmon:e\\]: Failed to write conmon pidfile: Failed to rename file \u201c"
                    + pidfile + "\\.[A-Za-z0-9]{6}\u201d to \u201c" + pidfile + "\u201d: g_rename\\(\\) failed: "
                    + errno + " " + errno + "\n"), c.stderr());
        }
    }

    @Test
    void aRefusedOomScoreIsADebugMessageBeforeTheStartPipe() throws Exception {
        // conmon tries -1000 right after the options (src/oom.c); whether the kernel allows it here, we learn as it would
        Path self = Path.of("/proc/self/oom_score_adj");
        String original = Files.readString(self).trim();
        boolean refused;
        try {
            Files.writeString(self, "-1000");
            Files.writeString(self, original);
            refused = false;
        } catch (java.io.IOException e) {
            refused = true;
        }
        Conmonj c = Conmonj.withArgs(tmp, "--cid", "x", "-u", "y", "-r", "/bin/false", "-l", "none", "--log-level", "debug")
                .env("_OCI_STARTPIPE", "1").withoutPipes().start();
        assertEquals(1, c.waitFirstProcess());
        String startPipe = "[conmon:e]: start-pipe read failed Bad file descriptor\n";
        assertEquals(refused ? "[conmon:d]: failed to write to /proc/self/oom_score_adj: Permission denied\n\n" + startPipe
                : startPipe, c.stderr());
    }

    @Test
    void logFileIsCreatedBeforeALaterStepFails() throws Exception {
        Path log = tmp.resolve("ctr.log");
        Conmonj c = Conmonj.withArgs(tmp, "--cid", "x", "-u", "y", "-r", "/bin/false", "-l", log.toString(),
                "-P", tmp.resolve("missing-dir/conmon.pid").toString()).withoutPipes().start();
        assertEquals(1, c.waitFirstProcess());
        assertTrue(c.stderr().startsWith("[conmon:e]: Failed to write conmon pidfile"), c.stderr());
        assertTrue(Files.exists(log));
    }

    /** A log directory on a read-only file system: the same message and status as conmon's. */
    @Test
    void aReadOnlyLogDirectoryFailsAsInConmon() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("ro"));
        Commands.run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", disk.toString());
        try {
            List<String> args = List.of("--cid", "x", "-u", "y", "-r", "/bin/false", "-l", "k8s-file:" + disk.resolve("ctr.log"));
            CommandLineRun conmonj = CommandLineRun.run(
                    Bundles.LAUNCHER.toString(), args, tmp, List.of(), "3", Duration.ofSeconds(30));
            CommandLineRun conmon = CommandLineRun.run(
                    "/usr/bin/conmon", args, tmp, List.of(), "3", Duration.ofSeconds(30));
            assertEquals(1, conmonj.exitStatus(), conmonj.stderr());
            assertEquals("[conmon:e]: Failed to open log file Read-only file system\n", conmonj.stderr());
            assertEquals(conmon.exitStatus(), conmonj.exitStatus());
            // 2.1.6 writes pexit's prefix without the colon 2.2.1 has
            assertEquals(conmon.stderr().replace("[conmon:e] ", "[conmon:e]: "), conmonj.stderr());
        } finally {
            Commands.run("umount", "-l", disk.toString());
        }
    }

    @Test
    void helpListsEveryOptionCallersLookFor() throws Exception {
        Conmonj c = Conmonj.withArgs(tmp, "--help").withoutPipes().start();
        assertEquals(0, c.waitFirstProcess());
        String help = c.stdout();
        for (String needle : List.of("--log-global-size-max", "--exec", "journald", "--api-version", "-c, --cid",
                "--log-rotate", "--log-max-files", "--full-attach", "--sync")) {
            assertTrue(help.contains(needle), needle + " in\n" + help);
        }
    }

    @Test
    void versionHasTheShapePodmanAndCrioParse() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("--version", "--cid", "x"))) {
            Conmonj c = Conmonj.withArgs(tmp, args.toArray(String[]::new)).withoutPipes().start();
            assertEquals(0, c.waitFirstProcess());
            String[] lines = c.stdout().split("\n");
            assertEquals("conmon version 2.2.1", lines[0]);
            assertTrue(lines[1].startsWith("commit: "), lines[1]);
            assertTrue(lines[2].startsWith("conmonj version "), lines[2]);
            // CRI-O: third whitespace-separated field is strict semver
            assertTrue(new ArrayList<>(List.of(c.stdout().split("\\s+"))).get(2).matches("\\d+\\.\\d+\\.\\d+"));
        }
    }
}
