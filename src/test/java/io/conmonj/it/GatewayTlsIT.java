package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.GatewayProcess;
import io.conmonj.testing.Waits;

/** The gateway serves HTTPS with a PEM certificate and key, and nothing in plain HTTP then. */
class GatewayTlsIT {
    @TempDir
    Path tmp;

    @Test
    void httpsWithACertificate() throws Exception {
        Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.resolve("key.pem").toString(),
                "-out", tmp.resolve("cert.pem").toString(), "-days", "1", "-subj", "/CN=localhost");
        Path sockets = Files.createDirectories(tmp.resolve("s"));
        int port = GatewayProcess.freePort();
        Process gateway = new ProcessBuilder(List.of(Bundles.LAUNCHER.toString(), "gateway", "--socket-dir", sockets.toString(),
                "--listen", "127.0.0.1:" + port, "--tls-cert", tmp.resolve("cert.pem").toString(), "--tls-key",
                tmp.resolve("key.pem").toString())).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            String base = "https://127.0.0.1:" + port;
            assertTrue(Waits.until(Duration.ofSeconds(60), () -> curl("-k", base + "/readyz").equals("ok\n\n200")),
                    () -> curl("-k", base + "/readyz"));
            String metrics = curl("-k", base + "/metrics");
            assertTrue(metrics.contains("conmonj_gateway_scrapes_total ") && metrics.endsWith("\n200"), metrics);
            assertEquals("000", curl("http://127.0.0.1:" + port + "/livez"), "no plain HTTP beside HTTPS");
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** curl's body and status ("000" when nothing HTTP came back). */
    private static String curl(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-m", "10", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(20, TimeUnit.SECONDS);
            return out.startsWith("\n") ? out.substring(1) : out;
        } catch (Exception e) {
            return e.toString();
        }
    }
}
