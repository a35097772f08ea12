package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.conmonj.testing.BadMonitors;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.GatewayProcess;
import io.conmonj.testing.Podman;
import io.conmonj.testing.PrometheusServer;
import io.conmonj.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Issue 12 end to end: podman 4.3.1 with {@code conmon_env_vars = ["CONMONJ_HTTP_SOCKET_DIR=..."]} runs three
 * containers under conmonj; the gateway merges their monitors' metrics (exactly the bytes each wrote on
 * stdout and stderr), lists them, is scraped by a real Prometheus, shrugs off misbehaving sockets within
 * its budget, and forgets a container podman removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayPodmanIT {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private Path socketDir;
    private Path work;
    private Podman podman;
    private GatewayProcess gateway;
    /** name -> container id */
    private final Map<String, String> ids = new HashMap<>();
    /** name -> {stdout bytes, stderr bytes} */
    private final Map<String, int[]> written = new HashMap<>();
    private String k8sName;

    @BeforeAll
    void threeContainersAndTheGateway() throws Exception {
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "cj-gwp");
        work = Files.createTempDirectory("conmonj-gateway-it");
        podman = new Podman(Bundles.LAUNCHER, Bundles.PROJECT.resolve("target/podman-gateway"),
                List.of("CONMONJ_HTTP_SOCKET_DIR=" + socketDir));
        gateway = GatewayProcess.start(socketDir, work.resolve("gateway.log"), "--target-timeout", "1s",
                "--exited-grace", "20s");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        k8sName = "k8s_web_shop-" + suffix + "_prod_7f9c2b1e-uid-" + suffix + "_0";
        List<String> names = List.of("gw-a-" + suffix, k8sName, "gw-c-" + suffix);
        for (int i = 0; i < names.size(); i++) {
            int out = 1000 + 111 * i;
            int err = 50 + 7 * i;
            String name = names.get(i);
            ids.put(name, "");
            Podman.Result r = podman.run(null, "run", "-d", "--name", name, "--rootfs", Podman.rootfs().toString(),
                    "sh", "-c", "head -c " + out + " /dev/zero | tr '\\0' o; head -c " + err + " /dev/zero | tr '\\0' e >&2;"
                            + " exec sleep 1000");
            assertEquals(0, r.exitCode(), r.stderr());
            ids.put(name, podman.inspect(name, "{{.Id}}"));
            written.put(name, new int[] {out, err});
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (podman != null) {
            for (String name : ids.keySet()) {
                podman.run(null, "rm", "-f", "-t", "0", name);
            }
            podman.releaseStorage();
        }
        if (gateway != null) {
            gateway.close();
        }
        for (Path dir : new Path[] {socketDir, work}) {
            if (dir != null) {
                Commands.runQuietly("rm", "-rf", dir.toString());
            }
        }
    }

    private boolean allBytesShown(String metrics) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            int[] bytes = written.get(e.getKey());
            String id = "container_id=\"" + e.getValue() + "\"";
            Double out = GatewayProcess.value(metrics, "conmonj_log_bytes_total", id, "stream=\"stdout\"");
            Double err = GatewayProcess.value(metrics, "conmonj_log_bytes_total", id, "stream=\"stderr\"");
            if (out == null || err == null || out != bytes[0] || err != bytes[1]) {
                return false;
            }
        }
        return true;
    }

    private String metricsQuietly() {
        try {
            return gateway.metrics();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    @Order(1)
    void everyContainerGetsASocketAndItsExactLogBytesInTheMergedMetrics() throws Exception {
        for (String id : ids.values()) {
            assertTrue(Waits.until(SETTLE, () -> Files.exists(socketDir.resolve(id + ".sock"))), "socket of " + id);
        }
        assertTrue(Waits.until(SETTLE, () -> allBytesShown(metricsQuietly())), () -> "bytes per container: " + metricsQuietly());
        String metrics = gateway.metrics();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            assertEquals(1.0, GatewayProcess.value(metrics, "conmonj_gateway_target_up", "container_id=\"" + e.getValue() + "\""));
            assertEquals(1.0, GatewayProcess.value(metrics, "conmonj_container_running", "container_name=\"" + e.getKey() + "\""));
        }
        String k8s = "container_id=\"" + ids.get(k8sName) + "\"";
        assertNotNull(GatewayProcess.value(metrics, "conmonj_log_bytes_total", k8s, "container=\"web\"", "pod=\"shop-",
                "namespace=\"prod\""), "Kubernetes labels from the name: " + metrics);
        assertNull(GatewayProcess.value(metrics, "conmonj_log_bytes_total", "container_id=\"" + ids.get("gw-a-"
                + k8sName.substring(13, 19)) + "\"", "namespace="), "no such labels for other names");
        assertEquals(1, metrics.lines().filter(l -> l.equals("# TYPE conmonj_log_bytes_total counter")).count(),
                "one TYPE per family");
        assertEquals(3.0, GatewayProcess.value(metrics.replace("conmonj_gateway_targets ", "conmonj_gateway_targets{} "),
                "conmonj_gateway_targets"));
        promtool(metrics);
    }

    static void promtool(String metrics) throws Exception {
        Path file = Files.createTempFile("gateway-metrics", ".txt");
        try {
            Files.writeString(file, metrics);
            Commands.run("sh", "-c", "promtool check metrics < " + file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @Order(2)
    void containersListsEachMonitorsHealth() throws Exception {
        HttpResponse<String> r = gateway.get("/containers", Map.of());
        assertEquals(200, r.statusCode());
        JsonArray list = new JsonArray(r.body());
        assertEquals(3, list.size(), r.body());
        for (Object o : list) {
            JsonObject c = (JsonObject) o;
            assertTrue(ids.containsValue(c.getString("id")), c.encode());
            assertEquals("running", c.getString("status"), c.encode());
            assertTrue(c.getInteger("pid") > 0);
            assertTrue(c.getDouble("uptime_seconds") >= 0);
            if (c.getString("name").equals(k8sName)) {
                assertEquals("prod", c.getString("namespace"));
                assertEquals("web", c.getString("container"));
                assertTrue(c.getString("pod").startsWith("shop-"));
            } else {
                assertNull(c.getString("namespace"));
            }
        }
        assertEquals(200, gateway.get("/readyz", Map.of()).statusCode());
        assertEquals(404, gateway.get("/nothing", Map.of()).statusCode());
        assertEquals(400, gateway.get("/metrics", Map.of("X-Prometheus-Scrape-Timeout-Seconds", "soon")).statusCode());
        try (java.net.Socket raw = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), gateway.port())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(raw.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(answer.matches("HTTP/1\\.[01] 400"), "malformed request: " + answer);
        }
        assertEquals(200, gateway.get("/livez", Map.of()).statusCode(), "still serving");
    }

    @Test
    @Order(3)
    void aRealPrometheusQueriesThePerContainerLogBytes() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.scraping("conmonj", "127.0.0.1:" + gateway.port())) {
            String query = "sum by (container_id, stream) (conmonj_log_bytes_total)";
            assertTrue(Waits.until(SETTLE, () -> resultSize(prometheus, query) == 6), "6 series in Prometheus");
            JsonArray result = prometheus.query(query);
            for (Object o : result) {
                JsonObject series = (JsonObject) o;
                String id = series.getJsonObject("metric").getString("container_id");
                String name = ids.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
                int expected = written.get(name)[series.getJsonObject("metric").getString("stream").equals("stdout") ? 0 : 1];
                assertEquals(expected, Double.parseDouble(series.getJsonArray("value").getString(1)), series.encode());
            }
            JsonArray namespaced = prometheus.query("conmonj_log_bytes_total{namespace=\"prod\",stream=\"stdout\"}");
            assertEquals(1, namespaced.size());
            assertEquals("1", prometheus.query("up{job=\"conmonj\"}").getJsonObject(0).getJsonArray("value").getString(1));
        }
    }

    private static int resultSize(PrometheusServer prometheus, String query) {
        try {
            return prometheus.query(query).size();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    @Order(4)
    void misbehavingSocketsAreDroppedAndCountedWithinTheBudget() throws Exception {
        try (BadMonitors bad = new BadMonitors().hanging(socketDir.resolve("hanging.sock"))
                .garbageMetrics(socketDir.resolve("garbage.sock")).notHttp(socketDir.resolve("nothttp.sock"))
                .refusing(socketDir.resolve("dead.sock"))) {
            assertTrue(Waits.until(SETTLE, () -> metricsQuietly().contains("conmonj_gateway_target_up{container_id=\"dead\"}")));
            for (String timeout : List.of("3", "1.2")) {
                long start = System.nanoTime();
                HttpResponse<String> r = gateway.get("/metrics", Map.of("X-Prometheus-Scrape-Timeout-Seconds", timeout));
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(200, r.statusCode());
                assertTrue(seconds < Double.parseDouble(timeout), "answered in " + seconds + " s, within " + timeout + " s");
                String metrics = r.body();
                assertTrue(allBytesShown(metrics), "the healthy monitors are all there: " + metrics);
                for (String id : List.of("hanging", "garbage", "nothttp", "dead")) {
                    assertEquals(0.0, GatewayProcess.value(metrics, "conmonj_gateway_target_up", "container_id=\"" + id + "\""), id);
                }
                assertTrue(GatewayProcess.value(metrics, "conmonj_gateway_scrape_errors_total", "reason=\"timeout\"") >= 1);
                assertTrue(GatewayProcess.value(metrics, "conmonj_gateway_scrape_errors_total", "reason=\"garbage\"") >= 2,
                        "garbage: " + metrics);
                assertTrue(GatewayProcess.value(metrics, "conmonj_gateway_scrape_errors_total", "reason=\"refused\"") >= 1);
                promtool(metrics);
            }
            long start = System.nanoTime();
            assertEquals(200, gateway.get("/containers", Map.of("X-Prometheus-Scrape-Timeout-Seconds", "2")).statusCode());
            assertTrue((System.nanoTime() - start) / 1e9 < 2, "/containers within its budget too");
        }
    }

    @Test
    @Order(5)
    void podmanRmMakesTheContainersSeriesDisappear() throws Exception {
        String name = ids.keySet().stream().filter(n -> n.startsWith("gw-c-")).findFirst().orElseThrow();
        String id = ids.get(name);
        assertEquals(0, podman.run(null, "rm", "-f", "-t", "0", name).exitCode());
        assertTrue(Waits.until(SETTLE, () -> !metricsQuietly().contains(id)), () -> "still there: " + metricsQuietly());
        assertFalse(Files.exists(socketDir.resolve(id + ".sock")));
        ids.remove(name);
        assertTrue(allBytesShown(gateway.metrics()), "the others stay");
        List<String> left = new ArrayList<>();
        new JsonArray(gateway.get("/containers", Map.of()).body()).forEach(o -> left.add(((JsonObject) o).getString("id")));
        assertEquals(2, left.size(), left.toString());
    }
}
