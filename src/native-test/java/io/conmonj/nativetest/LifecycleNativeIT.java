package io.conmonj.nativetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.os.Posix;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The basic lifecycle against the native executable (mvn verify -Dnative, where a native-image
 * toolchain exists): options, then a real runc container from create to exit files.
 */
@QuarkusMainIntegrationTest
class LifecycleNativeIT {
    @TempDir
    Path tmp;
    private String cid;
    private int monitorPid = -1;

    @Test
    @Launch(value = "--version")
    void version(LaunchResult result) {
        assertEquals("conmon version 2.2.1", result.getOutputStream().get(0));
    }

    @Test
    @Launch(value = {"--cid", "x"}, exitCode = 1)
    void missingCuuid(LaunchResult result) {
        assertEquals(List.of("[conmon:e]: Container UUID not provided. Use --cuuid"), result.getErrorStream());
    }

    @Test
    void containerFromCreateToExitFiles() throws Exception {
        cid = "conmonj-native-" + ProcessHandle.current().pid();
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo out; echo err >&2; exit 7");
        try (Conmonj c = Conmonj.podmanCreate(bundle, cid).start().release()) {
            assertEquals(0, c.waitFirstProcess(), c.stderr());
            String sync = c.readSyncLine();
            assertTrue(sync.matches("\\{\"data\": [1-9]\\d*\\}\n"), sync);
            monitorPid = c.monitorPid();
            Runc.start(cid);
            assertEquals("7", Waits.forFile(bundle.resolve("exits").resolve(cid), Duration.ofSeconds(30)));
            assertEquals("7", Files.readString(bundle.resolve("persist/exit")));
            String log = Files.readString(bundle.resolve("ctr.log"));
            assertTrue(log.contains(" stdout F out\n") && log.contains(" stderr F err\n"), log);
        }
    }

    @AfterEach
    void cleanUp() {
        if (cid != null) {
            Runc.deleteQuietly(cid);
        }
        if (monitorPid > 0 && Waits.processAlive(monitorPid)) {
            Posix.load().kill(monitorPid, Posix.SIGKILL);
        }
    }
}
