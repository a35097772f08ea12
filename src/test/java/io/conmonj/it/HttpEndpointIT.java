package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.conmonj.os.Posix;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Runc;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;
import io.vertx.core.json.JsonObject;

/** The --http-socket endpoint with real containers and curl (issue: health, exit, metrics). */
class HttpEndpointIT extends ContainerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** curl over the unix socket: "STATUS BODY". */
    private static String curl(Path socket, String method, String path) throws Exception {
        return Commands.run("curl", "-s", "-X", method, "-w", "\n%{http_code}", "--unix-socket", socket.toString(),
                "http://localhost" + path);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(response.lastIndexOf('\n') + 1));
    }

    private static JsonObject json(String response) {
        return new JsonObject(response.substring(0, response.lastIndexOf('\n')));
    }

    private static double metric(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + "{" + labels + "} in\n" + metrics);
    }

    @Test
    void healthExitAndMetricsBeforeDuringAndAfterTheContainer() throws Exception {
        // `seq 1 1000` is 3893 bytes in 1000 lines; "err\n" 4 bytes
        Path bundle = Bundles.shell(tmp.resolve("b"), "read go; seq 1 1000; echo err >&2; sleep 0.5; exit 3");
        Path socket = tmp.resolve("http.sock");
        String cid = createContainer(bundle, "-i", "--http-socket", socket.toString(), "--exit-command", "/bin/true",
                "--exit-delay", "3");
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(socket)), "endpoint up");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

        String created = curl(socket, "GET", "/health");
        assertEquals(200, status(created));
        assertEquals("created", json(created).getString("status"));
        assertEquals(404, status(curl(socket, "GET", "/exit")));

        Runc.start(cid);
        try (SeqpacketClient one = SeqpacketClient.connect(bundle.resolve("attach"));
             SeqpacketClient two = SeqpacketClient.connect(bundle.resolve("attach"))) {
            assertTrue(Waits.until(Duration.ofSeconds(10),
                    () -> metricQuietly(socket, "conmonj_attach_clients", "") == 2), "two clients connected");
            String running = curl(socket, "GET", "/health");
            assertEquals(200, status(running));
            assertEquals("running", json(running).getString("status"));
            assertTrue(json(running).getInteger("pid") > 0);
            one.send("go\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("3", awaitExit(bundle, cid, WAIT));
        }

        String exited = curl(socket, "GET", "/health");
        assertEquals(503, status(exited), "a plain probe sees the exit");
        JsonObject exit = json(curl(socket, "GET", "/exit"));
        assertEquals(Integer.parseInt(Files.readString(bundle.resolve("exits").resolve(cid))), exit.getInteger("exit_code"));
        assertFalse(exit.getBoolean("oom_killed"));

        String metrics = Commands.run("curl", "-s", "--unix-socket", socket.toString(), "http://localhost/metrics");
        Path file = tmp.resolve("metrics.txt");
        Files.writeString(file, metrics);
        Commands.run("sh", "-c", "promtool check metrics < " + file);
        String labels = "container_id=\"" + cid + "\"";
        assertEquals(3893, metric(metrics, "conmonj_log_bytes_total", "stream=\"stdout\""));
        assertEquals(1000, metric(metrics, "conmonj_log_lines_total", "stream=\"stdout\""));
        assertEquals(4, metric(metrics, "conmonj_log_bytes_total", "stream=\"stderr\""));
        assertEquals(2, metric(metrics, "conmonj_attach_clients_accepted_total", labels));
        assertEquals(3, metric(metrics, "conmonj_container_exit_code", labels));
        assertEquals(0, metric(metrics, "conmonj_container_running", labels));
        assertEquals(1, metric(metrics, "conmonj_build_info", "version="));

        assertEquals(405, status(curl(socket, "POST", "/health")));
        assertEquals(404, status(curl(socket, "GET", "/nothing")));
        String bad = rawRequest(socket, "NOT HTTP AT ALL\r\n\r\n");
        assertTrue(bad.startsWith("HTTP/1.0 400") || bad.startsWith("HTTP/1.1 400"), "bad request: " + bad);

        int monitor = Integer.parseInt(Files.readString(bundle.resolve("conmon.pid")));
        assertTrue(Waits.until(WAIT, () -> !Waits.processAlive(monitor)));
        assertFalse(Files.exists(socket), "removed at exit");
    }

    @Test
    void socketModeForGroupAccess() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        Path socket = tmp.resolve("http.sock");
        String cid = createContainer(bundle, "--http-socket", socket.toString(), "--http-socket-mode", "0660");
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(socket)));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        Runc.run("kill", cid, "KILL");
    }

    @Test
    void withoutTheOptionThereIsNoServer() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        String cid = createContainer(bundle);
        Runc.start(cid);
        int monitor = Integer.parseInt(Files.readString(bundle.resolve("conmon.pid")));
        Thread.sleep(2000); // the application has booted by now
        String listening = Commands.run("ss", "-xlpn") + Commands.run("ss", "-tulpn");
        List<String> ours = listening.lines().filter(l -> l.contains("pid=" + monitor + ",")).toList();
        assertEquals(1, ours.size(), "only the attach socket listens: " + ours);
        assertTrue(ours.get(0).contains("u_seq") && ours.get(0).contains("/attach "), "the attach socket: " + ours.get(0));
        try (var threads = Files.list(Path.of("/proc/" + monitor + "/task"))) {
            for (Path t : threads.toList()) {
                String name = Files.readString(t.resolve("comm")).trim();
                assertFalse(name.startsWith("vert.x-eventloop-thread-1"), "no second event loop for HTTP");
            }
        }
        Runc.run("kill", cid, "KILL");
    }

    private static double metricQuietly(Path socket, String name, String labels) {
        try {
            return metric(Commands.run("curl", "-s", "--unix-socket", socket.toString(), "http://localhost/metrics"),
                    name, labels);
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }

    /** Sends raw bytes on a stream connection and returns what comes back. */
    private static String rawRequest(Path socket, String request) {
        Posix posix = Posix.load();
        int fd = posix.socket(Posix.SOCK_STREAM);
        try {
            posix.connect(fd, socket.toString());
            posix.writeFully(fd, request.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer in = ByteBuffer.allocateDirect(4096);
            posix.poll(new int[] {fd}, new short[] {Posix.POLLIN}, 5000);
            posix.read(fd, in);
            in.flip();
            byte[] bytes = new byte[in.remaining()];
            in.get(bytes);
            return new String(bytes, StandardCharsets.US_ASCII);
        } finally {
            posix.close(fd);
        }
    }
}
