package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Runc;
import io.vertx.core.json.JsonObject;

/** A container killed by the kernel's OOM killer in its memory-limited cgroup (docs/behaviour.md §12.7, §7). */
class OomIT extends ContainerTestBase {
    @Test
    void anOomKillIsReportedWithOomFilesAndExitCode137() throws Exception {
        // `tail` keeps everything since the last newline: /dev/zero never has one
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo started; tail /dev/zero");
        JsonObject config = new JsonObject(Files.readString(bundle.resolve("config.json")));
        config.getJsonObject("linux").put("resources", new JsonObject()
                .put("memory", new JsonObject().put("limit", 32L << 20).put("swap", 32L << 20)));
        Files.writeString(bundle.resolve("config.json"), config.encodePrettily());
        String cid = createContainer(bundle);
        Runc.start(cid);
        assertEquals("137", awaitExit(bundle, cid, Duration.ofSeconds(60)));
        assertTrue(Files.exists(bundle.resolve("persist/oom")), "<persist-dir>/oom");
        assertTrue(Files.exists(bundle.resolve("oom")), "<bundle>/oom");
    }
}
