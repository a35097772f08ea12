package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Charts;
import io.conmonj.testing.Commands;
import io.conmonj.testing.GatewayProcess;
import io.conmonj.testing.Podman;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * The image (src/main/container/Containerfile, built offline FROM scratch by scripts/build-image.sh) runs
 * the gateway as nobody with the socket group, read-only, the host's socket directory mounted read-only,
 * scraped from the host; and its installer script (rendered by the chart) places a working monitor and
 * the CRI-O drop-in in host directories, and removes the drop-in on SIGTERM.
 */
class GatewayImageIT extends ContainerTestBase {
    static final String IMAGE = "localhost/conmonj:it";
    private static final String GID = "4242";
    private final Podman podman = new Podman(Path.of("/usr/bin/conmon"));
    private final List<String> podmanContainers = new ArrayList<>();
    private Path socketDir;

    @BeforeAll
    static void buildImage() throws Exception {
        run(List.of("bash", Bundles.PROJECT.resolve("scripts/build-image.sh").toString(), IMAGE), 600);
    }

    /** A command with a longer limit than Commands.run's; its output, or a failure. */
    static String run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(new Podman(Path.of("/usr/bin/conmon")).environment());
        Path out = Files.createTempFile("conmonj-cmd", ".log");
        try {
            Process p = pb.redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd + " timed out: " + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                throw new IOException(cmd + " failed: " + Files.readString(out));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @AfterEach
    void removeContainersAndSockets() throws Exception {
        for (String name : podmanContainers) {
            podman.run(null, "rm", "-f", "-t", "0", name);
        }
        if (socketDir != null) {
            Commands.runQuietly("rm", "-rf", socketDir.toString());
        }
    }

    private String podmanOk(String... args) throws Exception {
        Podman.Result r = podman.run(null, args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + ": " + r.stderr());
        return r.stdout();
    }

    @Test
    void theImageServesTheGatewayForTheHostsMonitors() throws Exception {
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "cj-gwi");
        Files.setPosixFilePermissions(socketDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("CONMONJ_HTTP_SOCKET_DIR", socketDir.toString(), "CONMONJ_HTTP_SOCKET_GROUP", GID);
        Path template = Bundles.shell(tmp.resolve("template"), "echo from-the-host; exec sleep 1000");
        List<String> cids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path bundle = Files.createDirectories(tmp.resolve("b" + i));
            Files.copy(template.resolve("config.json"), bundle.resolve("config.json"));
            String cid = createContainer(bundle, env);
            Runc.start(cid);
            cids.add(cid);
        }
        int port = GatewayProcess.freePort();
        String name = "conmonj-gateway-" + UUID.randomUUID().toString().substring(0, 8);
        podmanContainers.add(name);
        podmanOk("run", "-d", "--name", name, "--network", "host", "--read-only", "--group-add", GID,
                "-v", socketDir + ":/run/conmonj:ro", IMAGE, "--listen=127.0.0.1:" + port, "--target-timeout=3s");
        assertEquals("65534:65534", podman.inspect(name, "{{.Config.User}}"), "not root");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Supplier<String> metrics = () -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                return "";
            }
        };
        assertTrue(Waits.until(Duration.ofSeconds(60), () -> cids.stream().allMatch(cid -> Double.valueOf(14.0).equals(
                GatewayProcess.value(metrics.get(), "conmonj_log_bytes_total", "container_id=\"" + cid + "\"", "stream=\"stdout\"")))),
                () -> "both monitors through the image: " + metrics.get() + logs(name));
        GatewayPodmanIT.promtool(metrics.get());
        for (String cid : cids) {
            assertEquals(1.0, GatewayProcess.value(metrics.get(), "conmonj_gateway_target_up", "container_id=\"" + cid + "\""));
        }
    }

    @Test
    void theInstallerPlacesAWorkingMonitorAndTheDropInAndRemovesTheDropInOnStop() throws Exception {
        String rendered = new Helm(Charts.CHART).template().withName("conmonj").withNamespace("n")
                .set("installer.enabled", true).set("installer.crio.reload", false).set("socketGroup.gid", Integer.parseInt(GID))
                .call();
        ConfigMap config = Charts.only(Charts.parse(rendered), ConfigMap.class,
                "-installer");
        Path configDir = Files.createDirectories(tmp.resolve("config"));
        for (Map.Entry<String, String> e : config.getData().entrySet()) {
            Files.writeString(configDir.resolve(e.getKey()), e.getValue());
        }
        Path hostInstall = Files.createDirectories(tmp.resolve("host-opt-conmonj"));
        Path hostCrio = Files.createDirectories(tmp.resolve("host-crio.conf.d"));
        String name = "conmonj-installer-" + UUID.randomUUID().toString().substring(0, 8);
        podmanContainers.add(name);
        podmanOk("run", "-d", "--name", name, "--network", "none", "--read-only", "--user", "0:0",
                "-v", hostInstall + ":/host-install", "-v", hostCrio + ":/host-crio", "-v", configDir + ":/config:ro",
                "--entrypoint", "/opt/conmonj/bin/busybox", IMAGE, "sh", "/config/install.sh");
        Path dropIn = hostCrio.resolve("99-conmonj.conf");
        assertTrue(Waits.until(Duration.ofSeconds(60), () -> Files.exists(dropIn)), () -> logs(name));
        String toml = Files.readString(dropIn);
        assertTrue(toml.contains("monitor_path = \"/opt/conmonj/bin/conmonj\"") && toml.contains("inherit_default_runtime = true")
                && toml.contains("\"CONMONJ_HTTP_SOCKET_GROUP=" + GID + "\""), toml);
        Path monitor = hostInstall.resolve("bin/conmonj");
        assertTrue(Files.isExecutable(monitor) && Files.isExecutable(hostInstall.resolve("bin/conmonj-jvm/bin/conmonj")), logs(name));

        // the placed monitor runs a container on this host and serves its endpoint
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "cj-gwi");
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo placed; exec sleep 1000");
        String cid = newContainerId();
        String out = run(List.of("bash", "-c", "source \"$0\" && CONMONJ_HTTP_SOCKET_DIR=$1 conmon_create \"$2\" \"$3\" \"$4\" \"$5\""
                + " && runc start \"$4\" && echo \"$MONITOR_PID\"", Bundles.PROJECT.resolve("scripts/lib.sh").toString(),
                socketDir.toString(), monitor.toString(), tmp.resolve("work").toString(), cid, bundle.toString()), 120);
        int monitorPid = Integer.parseInt(out.strip().lines().reduce((a, b) -> b).orElseThrow().strip());
        trackMonitor(monitorPid);
        assertTrue(Files.readSymbolicLink(Path.of("/proc/" + monitorPid + "/exe")).startsWith(hostInstall.resolve("bin/conmonj-jvm")),
                "the monitor runs on the placed runtime");
        Path socket = socketDir.resolve(cid + ".sock");
        assertTrue(Waits.until(Duration.ofSeconds(60), () -> Files.exists(socket)));
        String health = Commands.run("curl", "-s", "--unix-socket", socket.toString(), "http://localhost/health");
        assertTrue(health.contains("\"status\":\"running\""), health);

        podmanOk("stop", "-t", "20", name);
        assertFalse(Files.exists(dropIn), "the handler is removed when the installer stops: " + logs(name));
        assertTrue(logs(name).contains("runtime handler conmonj removed"), logs(name));
        assertTrue(Files.exists(monitor), "the monitor stays (containers may still run under it)");
    }

    private String logs(String name) {
        try {
            Podman.Result r = podman.run(null, "logs", name);
            return r.stdout() + r.stderr();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
