package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Exec sessions in a running runc container, driven as podman and CRI-O drive conmon (docs/behaviour.md §13, §6). */
class ExecIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    /** A running container (sleep) and its bundle. */
    private record Running(String cid, Path bundle) {
    }

    private Running runningContainer() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        String cid = createContainer(bundle);
        Runc.start(cid);
        return new Running(cid, bundle);
    }

    /** An exec process spec: the container's process with other args. */
    private static Path processSpec(Path bundle, Path dir, String... args) throws Exception {
        JsonObject process = new JsonObject(Files.readString(bundle.resolve("config.json"))).getJsonObject("process");
        process.put("args", new JsonArray(List.of((Object[]) args)));
        Path spec = dir.resolve("exec-process.json");
        Files.writeString(spec, process.encode());
        return spec;
    }

    /** podman's exec arguments for a session in dir (API 1). */
    private Conmonj podmanExec(Running c, Path session, String... args) throws Exception {
        return podmanExec(c, session, List.of(), args);
    }

    private Conmonj podmanExec(Running c, Path session, List<String> flags, String... args) throws Exception {
        Files.createDirectories(session.resolve("exit"));
        List<String> a = new ArrayList<>(List.of("--api-version", "1", "-c", c.cid(), "-u", "session-" + c.cid(),
                "-r", Runc.PATH, "-b", session.toString(), "-p", session.resolve("exec_pid").toString(), "-n", "name",
                "--exit-dir", session.resolve("exit").toString(), "--full-attach", "-l", "none", "--log-level", "debug",
                "-P", session.resolve("conmon.pid").toString(), "-e", "--exec-process-spec",
                processSpec(c.bundle(), session, args).toString()));
        a.addAll(flags);
        return track(Conmonj.withArgs(session, a.toArray(String[]::new)));
    }

    @ParameterizedTest
    @CsvSource({"true,0", "false,1", "exit 42,42"})
    void apiOneSendsThePidThenTheExitCode(String command, int code) throws Exception {
        Running c = runningContainer();
        Path session = Files.createDirectories(tmp.resolve("session"));
        Conmonj exec = podmanExec(c, session, "sh", "-c", command).start().release();
        assertEquals(0, exec.waitFirstProcess(), exec.stderr());
        trackMonitor(exec.monitorPid());
        assertTrue(exec.readSyncLine().matches("\\{\"data\": [1-9]\\d*\\}\n"));
        assertEquals("{\"data\": " + code + "}\n", exec.readSyncLine());
        assertEquals(String.valueOf(code), Waits.forFile(session.resolve("exit").resolve(c.cid()), EXIT_WAIT),
                "the exit file is named after --cid");
    }

    @Test
    void aMissingBinaryReportsMinusOneWithTheRuntimesText() throws Exception {
        Running c = runningContainer();
        Path session = Files.createDirectories(tmp.resolve("session"));
        Conmonj exec = podmanExec(c, session, "/no/such/binary").start().release();
        assertEquals(0, exec.waitFirstProcess(), exec.stderr());
        String sync = exec.readSyncLine();
        assertTrue(sync.startsWith("{\"data\": -1, \"message\": \""), sync);
        assertTrue(sync.contains("no such file or directory"), sync);
    }

    @Test
    void legacyExecSyncSendsOnlyTheExitCodeAndLogsTheOutput() throws Exception {
        Running c = runningContainer();
        Path dir = Files.createDirectories(tmp.resolve("crio"));
        Conmonj exec = track(Conmonj.withArgs(dir, "-c", c.cid(), "-n", "name", "-r", Runc.PATH,
                "-p", dir.resolve("pid").toString(), "-e", "-l", dir.resolve("exec.log").toString(),
                "--socket-dir-path", dir.toString(), "--sync", "--exit-dir", dir.toString(),
                "--exec-process-spec", processSpec(c.bundle(), dir, "sh", "-c", "echo out; echo err >&2; exit 42")
                        .toString())).start().release();
        assertEquals("{\"exit_code\": 42}\n", exec.readSyncLine());
        assertEquals(42, exec.waitFirstProcess(), "--sync: the first process is the monitor");
        String log = Files.readString(dir.resolve("exec.log"));
        assertTrue(log.contains(" stdout F out\n") && log.contains(" stderr F err\n"), log);
    }

    @Test
    void legacyExecTimeoutReportsCommandTimedOut() throws Exception {
        Running c = runningContainer();
        Path dir = Files.createDirectories(tmp.resolve("crio"));
        long start = System.nanoTime();
        Conmonj exec = track(Conmonj.withArgs(dir, "-c", c.cid(), "-n", "name", "-r", Runc.PATH,
                "-p", dir.resolve("pid").toString(), "-e", "-l", dir.resolve("exec.log").toString(),
                "--socket-dir-path", dir.toString(), "--sync", "-T", "1", "--exit-dir", dir.toString(),
                "--exec-process-spec", processSpec(c.bundle(), dir, "sleep", "100").toString())).start().release();
        assertEquals("{\"exit_code\": -1, \"message\": \"command timed out\"}\n", exec.readSyncLine());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "ended by the timeout");
        assertEquals("-1", Files.readString(dir.resolve(c.cid())));
    }

    @Test
    void theExecWaitsForTheSecondStartByte() throws Exception {
        Running c = runningContainer();
        Path session = Files.createDirectories(tmp.resolve("session"));
        Conmonj exec = podmanExec(c, session, List.of("--exec-attach"), "true").withAttachPipe().start().release();
        assertEquals(0, exec.waitFirstProcess(), exec.stderr());
        trackMonitor(exec.monitorPid());
        assertEquals("{\"data\": 0}\n", exec.readAttachLine(), "attach socket ready");
        assertTrue(Files.exists(session.resolve("attach")));
        Thread.sleep(1000);
        assertFalse(Files.exists(session.resolve("exec_pid")), "no exec before the second start byte");
        exec.release();
        assertTrue(exec.readSyncLine().matches("\\{\"data\": [1-9]\\d*\\}\n"));
        assertEquals("{\"data\": 0}\n", exec.readSyncLine());
    }

    @Test
    void timeoutEndsACreatedContainerWithMinusOne() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "100");
        String cid = createContainer(bundle, "--timeout", "1");
        Runc.start(cid);
        assertEquals("-1", awaitExit(bundle, cid, EXIT_WAIT));
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Runc.stateOf(cid).contains("stopped")));
    }
}
