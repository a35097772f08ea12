package io.conmonj.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.os.Posix;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;

/** Real containers under the built conmonj; everything a test starts is ended by pid and removed. */
abstract class ContainerTestBase {
    @TempDir
    Path tmp;

    private final List<String> containers = new ArrayList<>();
    private final List<Conmonj> monitors = new ArrayList<>();
    private final List<Integer> monitorPids = new ArrayList<>();

    /** A fresh container id; the container is force-deleted after the test. */
    String newContainerId() {
        String cid = "conmonj-it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        containers.add(cid);
        return cid;
    }

    Conmonj track(Conmonj conmonj) {
        monitors.add(conmonj);
        return conmonj;
    }

    /** Remembers a daemonized monitor, killed after the test if still alive. */
    void trackMonitor(int pid) {
        monitorPids.add(pid);
    }

    /** Creates a container from bundle under conmonj (podman's arguments plus extra) and leaves it created. */
    String createContainer(Path bundle, String... extra) throws Exception {
        return createContainer(bundle, java.util.Map.of(), extra);
    }

    /** The same with extra environment variables for conmonj. */
    String createContainer(Path bundle, java.util.Map<String, String> env, String... extra) throws Exception {
        String cid = newContainerId();
        Conmonj c = Conmonj.podmanCreate(bundle, cid, extra);
        env.forEach(c::env);
        track(c).start().release();
        assertEquals(0, c.waitFirstProcess(), c.stderr());
        String sync = c.readSyncLine();
        assertTrue(sync.startsWith("{\"data\": ") && !sync.contains("-1"), sync);
        trackMonitor(c.monitorPid());
        return cid;
    }

    /** Waits for the container's exit file and returns its content. */
    static String awaitExit(Path bundle, String cid, Duration timeout) throws Exception {
        return Waits.forFile(bundle.resolve("exits").resolve(cid), timeout);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (String cid : containers) {
            Runc.deleteQuietly(cid);
        }
        for (int pid : monitorPids) {
            if (Waits.processAlive(pid)) {
                Waits.until(java.time.Duration.ofSeconds(5), () -> !Waits.processAlive(pid));
                Posix.load().kill(pid, Posix.SIGKILL);
            }
        }
        for (Conmonj c : monitors) {
            c.close();
        }
    }
}
