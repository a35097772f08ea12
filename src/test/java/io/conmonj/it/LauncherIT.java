package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;

/**
 * conmonj installed the way packages install monitors (/usr/local/bin/conmon -> /opt/conmonj/conmonj,
 * update-alternatives' chain of links), started from any directory, and what operators see of it.
 */
class LauncherIT extends ContainerTestBase {
    private static final java.time.Duration EXIT_WAIT = java.time.Duration.ofSeconds(60);

    /** tmp/bin/conmon -> ../alternatives/conmon -> the built launcher: a relative and an absolute link. */
    private Path installedAsConmon() throws Exception {
        Path alternatives = Files.createDirectories(tmp.resolve("alternatives"));
        Files.createSymbolicLink(alternatives.resolve("conmon"), Bundles.LAUNCHER);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        return Files.createSymbolicLink(bin.resolve("conmon"), Path.of("../alternatives/conmon"));
    }

    @Test
    void aMonitorStartedThroughAChainOfLinksFromElsewhereRunsAndIsNamedConmonj() throws Exception {
        Path conmon = installedAsConmon();
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo through-links; exit 6");
        String cid = newContainerId();
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid)
                .launchedBy("/bin/sh", "-c", "cd / && exec \"$0\" \"$@\"", conmon.toString())).start().release();
        assertEquals(0, c.waitFirstProcess(), c.stderr());
        assertTrue(c.readSyncLine().startsWith("{\"data\": "));
        int monitor = c.monitorPid();
        trackMonitor(monitor);
        Path exe = Files.readSymbolicLink(Path.of("/proc/" + monitor + "/exe"));
        assertEquals("conmonj", exe.getFileName().toString(), "what `readlink /proc/PID/exe` shows: " + exe);
        assertEquals("conmonj", Files.readString(Path.of("/proc/" + monitor + "/comm")).trim(), "what ps and top show");
        assertTrue(Commands.run("pgrep", "-x", "conmonj").contains(Integer.toString(monitor)), "pgrep finds it");
        Runc.start(cid);
        assertEquals("6", awaitExit(bundle, cid, EXIT_WAIT));
        assertTrue(Files.readString(bundle.resolve("ctr.log")).contains("through-links"));
    }

    @Test
    void versionThroughTheLinks() throws Exception {
        Path conmon = installedAsConmon();
        String version = Commands.run("/bin/sh", "-c", "cd / && exec \"$0\" --version", conmon.toString());
        assertTrue(version.startsWith("conmon version 2.2.1\n"), version);
        assertTrue(version.contains("conmonj version "), version);
    }
}
