package io.conmonj.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code conmonj gateway} from the built launcher as a real process on a free loopback port; its output
 * goes to a file. Closing it sends SIGTERM to its pid (then SIGKILL).
 */
public final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A free TCP port on loopback (there is a small window before it is used again). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the gateway for socketDir with extra options and waits until /livez answers. */
    public static GatewayProcess start(Path socketDir, Path log, String... extra) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Bundles.LAUNCHER.toString(), "gateway", "--socket-dir",
                socketDir.toString(), "--listen", "127.0.0.1:" + port));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(p, port, log);
        if (!Waits.until(Duration.ofSeconds(60), () -> gateway.statusQuietly("/livez") == 200)) {
            gateway.close();
            throw new IOException("the gateway did not come up: " + Files.readString(log));
        }
        return gateway;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics", Map.of());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private int statusQuietly(String path) {
        try {
            return get(path, Map.of()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** The value of the sample name{...} whose labels contain all of labels, or null. */
    public static Double value(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM to this pid
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
