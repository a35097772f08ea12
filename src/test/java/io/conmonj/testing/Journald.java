package io.conmonj.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/**
 * A private systemd-journald (its own namespace, so its own socket and files), started by the test
 * and stopped by pid afterwards; entries are read back with journalctl.
 */
public final class Journald implements AutoCloseable {
    public static final Path BINARY = Path.of("/lib/systemd/systemd-journald");

    private final String namespace = "conmonjit" + UUID.randomUUID().toString().substring(0, 8);
    private final Process process;

    public Journald() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), namespace).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SYSTEMD_LOG_TARGET", "console");
        process = pb.start();
        if (!Waits.until(Duration.ofSeconds(10), () -> Files.exists(socket()))) {
            close();
            throw new IOException("systemd-journald did not create " + socket());
        }
    }

    public Path socket() {
        return Path.of("/run/systemd/journal." + namespace, "socket");
    }

    /** The entries of a container (by CONTAINER_ID_FULL), waiting until there are at least count. */
    public List<JsonObject> entries(String containerId, int count) throws Exception {
        List<JsonObject> entries = new ArrayList<>();
        Waits.until(Duration.ofSeconds(15), () -> {
            entries.clear();
            try {
                for (String line : Commands.run("journalctl", "--namespace=" + namespace, "-o", "json",
                        "--no-pager", "--all", "CONTAINER_ID_FULL=" + containerId).split("\n")) {
                    if (line.startsWith("{")) {
                        entries.add(new JsonObject(line));
                    }
                }
            } catch (IOException | InterruptedException e) {
                return false;
            }
            return entries.size() >= count;
        });
        return entries;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        Commands.run("rm", "-rf", "/run/systemd/journal." + namespace);
        try (var dirs = Files.list(Path.of("/var/log/journal"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().endsWith("." + namespace)).toList()) {
                Commands.run("rm", "-rf", dir.toString());
            }
        }
    }
}
