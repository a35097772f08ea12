package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.GatewayProcess;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;

/**
 * The gateway with 50 real monitors (driven directly with runc, as podman would), and an exited container
 * whose monitor lingers: shown with its exit code for the grace, then gone from the node's metrics.
 */
class GatewayScaleIT extends ContainerTestBase {
    private static final int MONITORS = 50;
    private Path socketDir;
    private GatewayProcess gateway;

    @BeforeEach
    void socketDir() throws Exception {
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "cj-gws");
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        Commands.runQuietly("rm", "-rf", socketDir.toString());
    }

    private static int up(String metrics) {
        return (int) metrics.lines().filter(l -> l.startsWith("conmonj_gateway_target_up{") && l.endsWith("} 1")).count();
    }

    private int upQuietly() {
        try {
            return up(gateway.metrics());
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void fiftyMonitorsAreScrapedInOneAnswer() throws Exception {
        gateway = GatewayProcess.start(socketDir, tmp.resolve("gateway.log"));
        Path template = Bundles.shell(tmp.resolve("template"), "echo started; exec sleep 1000");
        List<String> cids = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            Path bundle = Files.createDirectories(tmp.resolve("b" + i));
            Files.copy(template.resolve("config.json"), bundle.resolve("config.json"));
            cids.add(createContainer(bundle, Map.of("CONMONJ_HTTP_SOCKET_DIR", socketDir.toString())));
        }
        for (String cid : cids) {
            Runc.start(cid);
        }
        assertTrue(Waits.until(Duration.ofSeconds(120), () -> upQuietly() == MONITORS), () -> "up: " + upQuietly());
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = gateway.get("/metrics", Map.of("X-Prometheus-Scrape-Timeout-Seconds", "10"));
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, r.statusCode());
            assertEquals(MONITORS, up(r.body()));
            for (String cid : cids) {
                assertEquals(8.0, GatewayProcess.value(r.body(), "conmonj_log_bytes_total", "container_id=\"" + cid + "\"",
                        "stream=\"stdout\""), cid);
            }
            GatewayPodmanIT.promtool(r.body());
        }
        System.out.println("gateway scrape of " + MONITORS + " monitors (ms): " + millis);
        assertTrue(millis.stream().sorted().toList().get(2) < 2000, "median scrape " + millis);
    }

    @Test
    void anExitedContainerIsShownForTheGraceThenLeftOut() throws Exception {
        gateway = GatewayProcess.start(socketDir, tmp.resolve("gateway.log"), "--exited-grace", "3s");
        Path bundle = Bundles.shell(tmp.resolve("b"), "read go; exit 3");
        String cid = createContainer(bundle, Map.of("CONMONJ_HTTP_SOCKET_DIR", socketDir.toString()), "-i",
                "--exit-command", "/bin/true", "--exit-delay", "60");
        Runc.start(cid);
        String id = "container_id=\"" + cid + "\"";
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> upQuietly() == 1));
        try (var client = io.conmonj.testing.SeqpacketClient.connect(bundle.resolve("attach"))) {
            client.send("go\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("3", awaitExit(bundle, cid, Duration.ofSeconds(30)));
        }
        String metrics = gateway.metrics();
        assertEquals(3.0, GatewayProcess.value(metrics, "conmonj_container_exit_code", id), "the exit code is scraped");
        assertTrue(gateway.get("/containers", Map.of()).body().contains("\"status\":\"exited\""));
        assertTrue(Waits.until(Duration.ofSeconds(15), () -> gone(cid)),
                "gone after the grace");
        assertTrue(Files.exists(socketDir.resolve(cid + ".sock")), "while its monitor still serves");
        assertEquals("[]\n", gateway.get("/containers", Map.of()).body());
    }

    private boolean gone(String cid) {
        try {
            String metrics = gateway.metrics();
            return up(metrics) == 0 && !metrics.contains(cid);
        } catch (Exception e) {
            return false;
        }
    }
}
