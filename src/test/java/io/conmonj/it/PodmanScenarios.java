package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.conmonj.testing.Podman;
import io.conmonj.testing.Waits;

/**
 * The end-to-end scenarios: podman 4.3.1 driving one monitor ({@code --conmon}), as a user would.
 * Each subclass names the monitor; the same scenarios run with conmonj and with /usr/bin/conmon as
 * the control, so a difference is conmonj's and a scenario conmon fails too is visible as such
 * (target/e2e/report.md).
 */
abstract class PodmanScenarios {
    static final String IMAGE = "localhost/conmonj-busybox:e2e";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    static Path rootfs;
    private final Podman podman = new Podman(monitor());
    private final List<String> names = Collections.synchronizedList(new ArrayList<>());

    /** The monitor podman runs for every container of this suite. */
    abstract Path monitor();

    @BeforeAll
    static void rootfsAndImage() throws Exception {
        rootfs = Podman.rootfs();
        Podman.importImage(rootfs, IMAGE);
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String name : names) {
            podman.run(null, "rm", "-f", "-t", "0", name);
        }
    }

    private String name() {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        names.add(name);
        return name;
    }

    /** podman args; fails the scenario unless podman exits 0. Returns stdout. */
    private String ok(String... args) throws Exception {
        Podman.Result r = podman.run(null, args);
        assertEquals(0, r.exitCode(), () -> "podman " + String.join(" ", args) + ": " + r.stderr());
        return r.stdout();
    }

    /** Starts a detached container from the busybox rootfs running command; returns its name. */
    private String detached(String... command) throws Exception {
        String name = name();
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--rootfs", rootfs.toString()));
        args.addAll(List.of(command));
        ok(args.toArray(String[]::new));
        return name;
    }

    private String detachedShell(String script) throws Exception {
        return detached("/bin/sh", "-c", script);
    }

    private String state(String name) throws Exception {
        return podman.inspect(name, "{{.State.Status}}");
    }

    private int monitorPid(String name) throws Exception {
        return Integer.parseInt(podman.inspect(name, "{{.State.ConmonPid}}"));
    }

    private void awaitLog(String name, String text) throws Exception {
        assertTrue(Waits.until(SETTLE, () -> logsContain(name, text)), () -> "no '" + text + "' in the log of " + name);
    }

    private boolean logsContain(String name, String text) {
        try {
            return podman.run(null, "logs", name).stdout().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    // --- run -----------------------------------------------------------------------------------

    @Test
    void runShowsBothStreamsAndTheExitCode() throws Exception {
        Podman.Result r = podman.run(null, "run", "--rm", "--name", name(), "--rootfs", rootfs.toString(),
                "/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 5");
        assertEquals(5, r.exitCode(), r.stderr());
        assertEquals("to-out\n", r.stdout());
        assertTrue(r.stderr().contains("to-err\n"), r.stderr());
        assertEquals(0, podman.run(null, "run", "--rm", "--rootfs", rootfs.toString(), "true").exitCode());
    }

    @Test
    void runRemovesTheContainerWithRm() throws Exception {
        String name = name();
        assertEquals("bye\n", ok("run", "--rm", "--name", name, "--rootfs", rootfs.toString(), "echo", "bye"));
        assertTrue(!exists(name), name + " still exists");
    }

    @Test
    void runDashIPassesStdinThrough() throws Exception {
        Podman.Result r = podman.run("piped input\nsecond line\n", "run", "--rm", "-i", "--name", name(),
                "--rootfs", rootfs.toString(), "/bin/cat");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("piped input\nsecond line\n", r.stdout());
    }

    @Test
    void runDeliversLargeOutputAndInputExactly() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 200_000; i++) {
            expected.append(i).append('\n');
        }
        String name = name();
        Podman.Result out = podman.run(null, "run", "--name", name, "--rootfs", rootfs.toString(), "seq", "1", "200000");
        assertEquals(0, out.exitCode(), out.stderr());
        assertTrue(expected.toString().equals(out.stdout()), "attached output differs from seq 1 200000");
        assertTrue(expected.toString().equals(ok("logs", name)), "logged output differs from seq 1 200000");
        String input = expected.toString().repeat(2);
        Podman.Result echoed = podman.run(input, "run", "--rm", "-i", "--rootfs", rootfs.toString(), "cat");
        assertEquals(0, echoed.exitCode(), echoed.stderr());
        assertTrue(input.equals(echoed.stdout()), "stdin through cat came back different");
    }

    @Test
    void partialLinesKeepTheirBytes() throws Exception {
        String name = name();
        String script = "printf abc; sleep 0.3; printf def; echo; printf tail";
        assertEquals("abcdef\ntail", ok("run", "--name", name, "--rootfs", rootfs.toString(), "sh", "-c", script));
        assertEquals("abcdef\ntail", ok("logs", name));
    }

    @Test
    void runDashTWithoutStdin() throws Exception {
        Podman.Result r = podman.run(null, "run", "--rm", "-t", "--rootfs", rootfs.toString(), "sh", "-c",
                "tty > /dev/null && echo on-a-tty; exit 2");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals("on-a-tty\r\n", r.stdout());
    }

    @Test
    void onlyStdioReachesTheContainerAndExecSessions() throws Exception {
        // the shell's own glob lists its fds (3 is the glob's directory); a child would race the shell
        String fds = "cd /proc/$$/fd && echo *; (echo x >&0) 2> /dev/null || echo stdin-read-only";
        // runc reopens a /dev/null stdin read-write for the container's first process, not for exec
        assertEquals("0 1 2 3\n", ok("run", "--rm", "--rootfs", rootfs.toString(), "sh", "-c", fds));
        String name = detached("/bin/sleep", "1000");
        assertEquals("0 1 2 3\nstdin-read-only\n", ok("exec", name, "sh", "-c", fds));
    }

    @Test
    void logDriversNoneAndPassthrough() throws Exception {
        String name = name();
        assertEquals("not-logged\n", ok("run", "--name", name, "--log-driver", "none", "--rootfs", rootfs.toString(),
                "echo", "not-logged"));
        assertEquals("", podman.run(null, "logs", name).stdout());
        assertEquals("passed-through\n", ok("run", "--rm", "--log-driver", "passthrough", "--rootfs", rootfs.toString(),
                "echo", "passed-through"));
    }

    @Test
    void theExitCommandRemovesAndRestartsContainers() throws Exception {
        String removed = name(); // --rm -d: removal is the exit command's job (podman container cleanup --rm)
        ok("run", "-d", "--rm", "--name", removed, "--rootfs", rootfs.toString(), "sh", "-c", "sleep 1");
        assertTrue(Waits.until(SETTLE, () -> !exists(removed)), "a --rm container outlived its exit");
        String restarted = name(); // restart policies are applied by the same exit command
        ok("run", "-d", "--restart", "on-failure:2", "--name", restarted, "--rootfs", rootfs.toString(),
                "sh", "-c", "echo run; exit 1");
        assertTrue(Waits.until(SETTLE, () -> outputOrEmpty("logs", restarted).equals("run\nrun\nrun\n")),
                () -> outputOrEmpty("logs", restarted));
        assertTrue(Waits.until(SETTLE, () -> outputOrEmpty("inspect", "--format", "{{.State.Status}} {{.RestartCount}}", restarted)
                .equals("exited 2\n")), () -> outputOrEmpty("inspect", restarted));
        assertEquals("1", podman.inspect(restarted, "{{.State.ExitCode}}"));
    }

    @Test
    void runDashItGetsATerminalOfTheCallersSize() throws Exception {
        Podman.Result r = podman.runInTerminal("stty rows 33 cols 77", "stty size\necho tty-ok\nexit 3\n",
                "run", "--rm", "-it", "--name", name(), "--rootfs", rootfs.toString(), "/bin/sh");
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("33 77\r\n"), r.stdout());
        assertTrue(r.stdout().contains("tty-ok\r\n"), r.stdout());
    }

    /**
     * podman writes the first resize to the ctl fifo and then starts the container at once: the
     * monitor must apply it before the container's first instruction, or `stty size` reads 0 0.
     */
    @Test
    void theFirstResizeReachesAContainerThatAsksAtOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            int rows = 20 + i;
            int columns = 70 + i;
            Podman.Result r = podman.runOnPty(rows, columns, "run", "--rm", "-it", IMAGE, "stty", "size");
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            assertEquals(rows + " " + columns + "\r\n", r.stdout(), "run " + i);
        }
    }

    @Test
    void runFromAnImportedImage() throws Exception {
        assertEquals("from-image\n", ok("run", "--rm", IMAGE, "echo", "from-image"));
        String name = name();
        ok("run", "-d", "--name", name, IMAGE, "sh", "-c", "echo image-log; exit 6");
        assertEquals("6", ok("wait", name).trim());
        assertEquals("image-log\n", ok("logs", name));
    }

    // --- logs ----------------------------------------------------------------------------------

    @Test
    void detachedContainerLogsBothStreams() throws Exception {
        String name = detachedShell("echo out-1; echo err-1 >&2; echo out-2");
        assertEquals("0", ok("wait", name).trim());
        Podman.Result logs = podman.run(null, "logs", name);
        assertEquals("out-1\nout-2\n", logs.stdout());
        assertEquals("err-1\n", logs.stderr());
    }

    @Test
    void logsWithTimestampsAndTail() throws Exception {
        String name = detachedShell("seq 1 10");
        assertEquals("0", ok("wait", name).trim());
        String stamped = ok("logs", "-t", name);
        List<String> lines = stamped.lines().toList();
        assertEquals(10, lines.size(), stamped);
        for (int i = 0; i < 10; i++) {
            assertTrue(lines.get(i).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+\\S* " + (i + 1)), lines.get(i));
        }
        assertEquals("8\n9\n10\n", ok("logs", "--tail", "3", name));
        assertEquals(10, ok("logs", "--since", "5m", name).lines().count());
        assertEquals("", ok("logs", "--until", "2000-01-01T00:00:00Z", name));
    }

    @Test
    void logsFollowUntilTheContainerExits() throws Exception {
        String name = detachedShell("for i in 1 2 3; do echo line-$i; sleep 1; done");
        assertEquals("line-1\nline-2\nline-3\n", ok("logs", "-f", name));
        assertEquals("exited", state(name));
    }

    @Test
    void logOptMaxSizeKeepsTheLogSmallAndTheNewestLines() throws Exception {
        String name = name();
        ok("run", "-d", "--name", name, "--log-opt", "max-size=10k", "--rootfs", rootfs.toString(),
                "sh", "-c", "seq 1 20000; echo done");
        assertEquals("0", ok("wait", name).trim());
        Path log = Path.of(podman.inspect(name, "{{.HostConfig.LogConfig.Path}}"));
        assertTrue(Files.size(log) <= 10_000, () -> log + " has grown past max-size");
        String logs = ok("logs", name);
        assertTrue(logs.endsWith("20000\ndone\n"), logs);
        assertTrue(!logs.startsWith("1\n"), "the oldest lines were kept");
    }

    // --- attach, exec --------------------------------------------------------------------------

    @Test
    void attachToADetachedContainerSendsInputAndShowsOutput() throws Exception {
        String name = name();
        ok("run", "-d", "-i", "--name", name, "--rootfs", rootfs.toString(),
                "/bin/sh", "-c", "while read l; do echo \"got $l\"; done; echo eof; exit 7");
        Podman.Result attached = podman.run("line1\nline2\n", "attach", name);
        assertTrue(attached.stdout().contains("got line1\ngot line2\neof\n"), attached.stdout() + attached.stderr());
        assertEquals("7", ok("wait", name).trim());
        assertEquals("got line1\ngot line2\neof\n", ok("logs", name));
    }

    @Test
    void execReturnsTheCommandsExitCodeAndOutput() throws Exception {
        String name = detached("/bin/sleep", "1000");
        assertEquals(0, podman.run(null, "exec", name, "true").exitCode());
        assertEquals(1, podman.run(null, "exec", name, "false").exitCode());
        Podman.Result r = podman.run(null, "exec", name, "sh", "-c", "echo from-exec; echo exec-err >&2; exit 42");
        assertEquals(42, r.exitCode(), r.stderr());
        assertEquals("from-exec\n", r.stdout());
        assertTrue(r.stderr().contains("exec-err\n"), r.stderr());
        Podman.Result in = podman.run("typed\n", "exec", "-i", name, "cat");
        assertEquals("typed\n", in.stdout(), in.stderr());
        assertEquals(127, podman.run(null, "exec", name, "/no/such/binary").exitCode());
        ok("exec", "-d", name, "sh", "-c", "echo detached > /tmp/exec-d");
        assertTrue(Waits.until(SETTLE, () -> outputOrEmpty("exec", name, "cat", "/tmp/exec-d").equals("detached\n")));
    }

    @Test
    void execInATerminal() throws Exception {
        String name = detached("/bin/sleep", "1000");
        Podman.Result r = podman.runInTerminal("stty rows 21 cols 63", "stty size; tty; exit 4\n",
                "exec", "-it", name, "/bin/sh");
        assertEquals(4, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("21 63\r\n"), r.stdout());
        assertTrue(r.stdout().contains("/dev/pts/"), r.stdout());
    }

    // --- stop, kill, wait, restart, rm, pause ---------------------------------------------------

    @Test
    void stopDeliversSigtermAndRecordsTheExitCode() throws Exception {
        String name = detachedShell("trap 'echo got-term; exit 3' TERM; echo ready; while :; do sleep 0.1; done");
        awaitLog(name, "ready");
        assertEquals(name + "\n", ok("stop", "-t", "10", name));
        assertEquals("3", podman.inspect(name, "{{.State.ExitCode}}"));
        assertEquals("exited", state(name));
        awaitLog(name, "got-term");
    }

    @Test
    void stopFallsBackToSigkillWith137() throws Exception {
        String name = detached("/bin/sleep", "1000"); // pid 1 without a TERM handler ignores TERM
        ok("stop", "-t", "1", name);
        assertEquals("137", podman.inspect(name, "{{.State.ExitCode}}"));
    }

    @Test
    void killSendsTheSignalAndWaitReturns137() throws Exception {
        String name = detachedShell("trap 'echo got-usr1' USR1; echo ready; while :; do sleep 0.1; done");
        awaitLog(name, "ready");
        ok("kill", "-s", "USR1", name);
        awaitLog(name, "got-usr1");
        assertEquals("running", state(name));
        ok("kill", name);
        assertEquals("137", ok("wait", name).trim());
        assertEquals("exited", state(name));
    }

    @Test
    void waitReturnsTheExitCode() throws Exception {
        String name = detachedShell("sleep 1; exit 9");
        assertEquals("9", ok("wait", name).trim());
        assertEquals("9", podman.inspect(name, "{{.State.ExitCode}}"));
    }

    @Test
    void restartRunsTheContainerAgainUnderANewMonitor() throws Exception {
        String name = detachedShell("echo started; sleep 1000");
        awaitLog(name, "started");
        int first = monitorPid(name);
        ok("restart", "-t", "0", name);
        assertEquals("running", state(name));
        int second = monitorPid(name);
        assertNotEquals(first, second);
        assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(first)), "the first monitor is still alive");
        assertTrue(Waits.until(SETTLE, () -> outputOrEmpty("logs", name).equals("started\nstarted\n")), () -> outputOrEmpty("logs", name));
    }

    @Test
    void rmForceRemovesARunningContainerAndItsMonitor() throws Exception {
        String name = detached("/bin/sleep", "1000");
        int monitor = monitorPid(name);
        int pid = Integer.parseInt(podman.inspect(name, "{{.State.Pid}}"));
        ok("rm", "-f", "-t", "0", name);
        assertTrue(!exists(name), name + " still exists");
        assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(monitor)), "the monitor is still alive");
        assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(pid)), "the container is still alive");
    }

    @Test
    void pauseFreezesTheContainerAndUnpauseResumesIt() throws Exception {
        String name = detachedShell("i=0; while :; do echo tick-$i; i=$((i+1)); sleep 0.1; done");
        awaitLog(name, "tick-3");
        ok("pause", name);
        assertEquals("paused", state(name));
        long frozen = ok("logs", name).lines().count();
        Thread.sleep(1000);
        assertEquals(frozen, ok("logs", name).lines().count(), "output while paused");
        ok("unpause", name);
        assertEquals("running", state(name));
        assertTrue(Waits.until(SETTLE, () -> outputOrEmpty("logs", name).lines().count() > frozen + 3), "no output after unpause");
    }

    // --- many containers, a lost monitor -------------------------------------------------------

    @Test
    void twentyContainersAtOnce() throws Exception {
        int count = 20;
        List<String> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(name());
        }
        inParallel(started, n -> ok("run", "-d", "--name", n, "--rootfs", rootfs.toString(), "sh", "-c",
                "echo hello-from-" + n + "; exec sleep 1000"));
        Set<Integer> monitors = new HashSet<>();
        for (String n : started) {
            assertEquals("running", state(n));
            monitors.add(monitorPid(n));
            awaitLog(n, "hello-from-" + n);
        }
        assertEquals(count, monitors.size(), "one monitor per container");
        String running = ok("ps", "--format", "{{.Names}}");
        started.forEach(n -> assertTrue(running.contains(n), n + " not in podman ps"));
        assertEquals("inside\n", ok("exec", started.get(7), "echo", "inside"));
        inParallel(started, n -> ok("rm", "-f", "-t", "0", n));
        for (int pid : monitors) {
            assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(pid)), "monitor " + pid + " outlived its container");
        }
    }

    @Test
    void aKilledMonitorLeavesAContainerPodmanCanStillStopAndRemove() throws Exception {
        String name = detached("/bin/sleep", "1000");
        int monitor = monitorPid(name);
        int pid = Integer.parseInt(podman.inspect(name, "{{.State.Pid}}"));
        ProcessHandle.of(monitor).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(monitor)), "the monitor survived SIGKILL");
        assertTrue(ok("ps", "--format", "{{.Names}} {{.Status}}").contains(name + " Up"), "podman ps lost the container");
        assertTrue(Waits.processAlive(pid), "the container died with its monitor");
        ok("stop", "-t", "1", name); // no exit file will come: podman kills and gives up waiting
        assertTrue(Waits.until(SETTLE, () -> !Waits.processAlive(pid)), "the container survived podman stop");
        String id = podman.inspect(name, "{{.Id}}");
        try {
            ok("rm", "-f", "-t", "0", name);
            assertTrue(!exists(name), name + " still exists");
        } finally {
            // without its monitor nobody told podman the container stopped: runc keeps its state (either monitor)
            new ProcessBuilder("runc", "delete", "-f", id).start().waitFor();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** podman container exists; errors count as existing. */
    private boolean exists(String name) {
        try {
            return podman.run(null, "container", "exists", name).exitCode() == 0;
        } catch (Exception e) {
            return true;
        }
    }

    /** ok() for lambdas that cannot throw: empty output on failure. */
    private String outputOrEmpty(String... args) {
        try {
            return ok(args);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    private interface Step {
        void run(String name) throws Exception;
    }

    /** Runs step for every name at the same time (one thread each) and fails if any failed. */
    private static void inParallel(List<String> names, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (String n : names) {
                Callable<Void> call = () -> {
                    step.run(n);
                    return null;
                };
                done.add(pool.submit(call));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
