package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Podman;

/** podman 4.3.1 with {@code --conmon target/conmonj} end to end: stdin, attach, terminals, exec. */
class PodmanIT {
    private static Path rootfs;
    private final Podman podman = new Podman(Bundles.LAUNCHER);
    private final List<String> names = new ArrayList<>();

    @BeforeAll
    static void rootfs() throws Exception {
        rootfs = Podman.rootfs();
    }

    private String name() {
        String name = "conmonj-pit-" + UUID.randomUUID().toString().substring(0, 8);
        names.add(name);
        return name;
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String name : names) {
            podman.run(null, "rm", "-f", "-t", "0", name);
        }
    }

    @Test
    void runDashIPassesStdinThrough() throws Exception {
        Podman.Result r = podman.run("piped input\nsecond line\n", "run", "--rm", "-i", "--name", name(),
                "--rootfs", rootfs.toString(), "/bin/cat");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("piped input\nsecond line\n", r.stdout());
    }

    @Test
    void runWithoutDetachShowsBothStreamsAndTheExitCode() throws Exception {
        Podman.Result r = podman.run(null, "run", "--rm", "--name", name(), "--rootfs", rootfs.toString(),
                "/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 5");
        assertEquals(5, r.exitCode(), r.stderr());
        assertEquals("to-out\n", r.stdout());
        assertTrue(r.stderr().contains("to-err\n"), r.stderr());
    }

    @Test
    void attachToADetachedContainerSendsInputAndShowsOutput() throws Exception {
        String name = name();
        Podman.Result started = podman.run(null, "run", "-d", "-i", "--name", name, "--rootfs", rootfs.toString(),
                "/bin/sh", "-c", "while read l; do echo \"got $l\"; done; echo eof; exit 7");
        assertEquals(0, started.exitCode(), started.stderr());
        Podman.Result attached = podman.run("line1\nline2\n", "attach", name);
        assertTrue(attached.stdout().contains("got line1\ngot line2\neof\n"), attached.stdout() + attached.stderr());
        Podman.Result waited = podman.run(null, "wait", name);
        assertEquals("7", waited.stdout().trim(), waited.stderr());
        Podman.Result logs = podman.run(null, "logs", name);
        assertEquals("got line1\ngot line2\neof\n", logs.stdout());
    }

    @Test
    void runDashItGetsATerminalOfTheCallersSize() throws Exception {
        Podman.Result r = podman.runInTerminal("stty rows 33 cols 77", "stty size\necho tty-ok\nexit 3\n",
                "run", "--rm", "-it", "--name", name(), "--rootfs", rootfs.toString(), "/bin/sh");
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("33 77\r\n"), r.stdout());
        assertTrue(r.stdout().contains("tty-ok\r\n"), r.stdout());
    }

    @Test
    void execReturnsTheCommandsExitCodeAndOutput() throws Exception {
        String name = name();
        Podman.Result started = podman.run(null, "run", "-d", "--name", name, "--rootfs", rootfs.toString(),
                "/bin/sleep", "1000");
        assertEquals(0, started.exitCode(), started.stderr());
        assertEquals(0, podman.run(null, "exec", name, "true").exitCode());
        assertEquals(1, podman.run(null, "exec", name, "false").exitCode());
        Podman.Result r = podman.run(null, "exec", name, "sh", "-c", "echo from-exec; exit 42");
        assertEquals(42, r.exitCode(), r.stderr());
        assertEquals("from-exec\n", r.stdout());
        Podman.Result in = podman.run("typed\n", "exec", "-i", name, "cat");
        assertEquals("typed\n", in.stdout(), in.stderr());
    }

    @Test
    void execInATerminal() throws Exception {
        String name = name();
        assertEquals(0, podman.run(null, "run", "-d", "--name", name, "--rootfs", rootfs.toString(),
                "/bin/sleep", "1000").exitCode());
        Podman.Result r = podman.runInTerminal("stty rows 21 cols 63", "stty size; tty; exit 4\n",
                "exec", "-it", name, "/bin/sh");
        assertEquals(4, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("21 63\r\n"), r.stdout());
        assertTrue(r.stdout().contains("/dev/pts/"), r.stdout());
    }
}
