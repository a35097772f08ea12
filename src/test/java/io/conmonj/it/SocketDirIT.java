package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Endpoints for every container from CONMONJ_HTTP_SOCKET_DIR (docs/fleet.md): DIR/cid.sock with its mode and
 * group, the config file, /livez beside /health, no endpoint for exec sessions, bad values refused before
 * anything is forked.
 */
class SocketDirIT extends ContainerTestBase {
    private Path dir;

    @BeforeEach
    void socketDir() throws Exception {
        // a short path: a socket's address holds at most 107 bytes
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-sd");
        Files.delete(dir); // the monitor makes it
    }

    @AfterEach
    void removeSocketDir() throws Exception {
        Commands.run("rm", "-rf", dir.toString());
    }

    private static String curl(Path socket, String path) throws Exception {
        return Commands.run("curl", "-s", "-w", "\n%{http_code}", "--unix-socket", socket.toString(), "http://localhost" + path);
    }

    @Test
    void everyContainerGetsItsSocketInTheDirectory() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "read go; echo hello; exit 7");
        String cid = createContainer(bundle, Map.of("CONMONJ_HTTP_SOCKET_DIR", dir.toString(),
                "CONMONJ_HTTP_SOCKET_GROUP", "daemon"), "-i", "--exit-command", "/bin/true", "--exit-delay", "3");
        Path socket = dir.resolve(cid + ".sock");
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(socket)), "endpoint at DIR/<cid>.sock");
        PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class);
        assertEquals("rw-rw----", PosixFilePermissions.toString(attributes.permissions()), "0660 with a group");
        assertEquals("daemon", attributes.group().getName());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(socket), listing.toList(), "no temporary name left behind");
        }
        String created = curl(socket, "/health");
        assertTrue(created.endsWith("\n200") && created.contains("\"status\":\"created\""), created);
        Runc.start(cid);
        try (SeqpacketClient client = SeqpacketClient.connect(bundle.resolve("attach"))) {
            client.send("go\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("7", awaitExit(bundle, cid, Duration.ofSeconds(30)));
        }

        String health = curl(socket, "/health");
        assertTrue(health.endsWith("\n503"), "an exited container: " + health);
        JsonObject body = new JsonObject(health.substring(0, health.lastIndexOf('\n')));
        assertEquals(7, body.getInteger("exit_code"));
        assertFalse(body.getBoolean("oom_killed"));
        assertTrue(curl(socket, "/livez").endsWith("\n200"), "the monitor is alive although the container exited");
        JsonArray endpoints = new JsonObject(curl(socket, "/nothing").lines().findFirst().orElseThrow()).getJsonArray("endpoints");
        assertTrue(endpoints.contains("/livez"), endpoints.encode());

        int monitor = Integer.parseInt(Files.readString(bundle.resolve("conmon.pid")));
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> !Waits.processAlive(monitor)));
        assertFalse(Files.exists(socket), "removed at exit");
    }

    @Test
    void theConfigFileSetsTheDirectoryAndTheCommandLineWins() throws Exception {
        Path conf = tmp.resolve("conmonj.conf");
        Files.writeString(conf, "# node-wide\nhttp_socket_dir = \"" + dir + "\"\nhttp_socket_mode = 0640\n");
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        String cid = createContainer(bundle, Map.of("CONMONJ_CONFIG", conf.toString()));
        Path socket = dir.resolve(cid + ".sock");
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(socket)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

        Path explicit = tmp.resolve("explicit.sock");
        Path second = Bundles.make(tmp.resolve("b2"), "sleep", "1000");
        String cid2 = createContainer(second, Map.of("CONMONJ_CONFIG", conf.toString()), "--http-socket", explicit.toString());
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(explicit)), "--http-socket wins");
        assertFalse(Files.exists(dir.resolve(cid2 + ".sock")));
        Runc.run("kill", cid, "KILL");
        Runc.run("kill", cid2, "KILL");
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsForked() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "true");
        Conmonj c = track(Conmonj.podmanCreate(bundle, newContainerId()).env("CONMONJ_HTTP_SOCKET_DIR", dir.toString())
                .env("CONMONJ_HTTP_SOCKET_MODE", "0x660")).start().release();
        assertEquals(1, c.waitFirstProcess());
        assertEquals("[conmon:e]: CONMONJ_HTTP_SOCKET_MODE: invalid socket mode \"0x660\" (octal permissions, e.g. 0660)\n",
                c.stderr());
        assertFalse(Files.exists(bundle.resolve("conmon.pid")), "nothing forked");
    }

    @Test
    void execSessionsServeNoEndpoint() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        Map<String, String> env = Map.of("CONMONJ_HTTP_SOCKET_DIR", dir.toString());
        String cid = createContainer(bundle, env);
        Runc.start(cid);
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Files.exists(dir.resolve(cid + ".sock"))));
        Path session = Files.createDirectories(tmp.resolve("session"));
        Files.createDirectories(session.resolve("exit"));
        JsonObject process = new JsonObject(Files.readString(bundle.resolve("config.json"))).getJsonObject("process");
        process.put("args", new JsonArray(List.of("sh", "-c", "sleep 2")));
        Files.writeString(session.resolve("process.json"), process.encode());
        List<String> args = new ArrayList<>(List.of("--api-version", "1", "-c", cid, "-u", "session-" + cid,
                "-r", Runc.PATH, "-b", session.toString(), "-p", session.resolve("exec_pid").toString(), "-n", "name",
                "--exit-dir", session.resolve("exit").toString(), "--full-attach", "-l", "none",
                "-P", session.resolve("conmon.pid").toString(), "-e", "--exec-process-spec",
                session.resolve("process.json").toString()));
        Conmonj exec = track(Conmonj.withArgs(session, args.toArray(String[]::new)));
        env.forEach(exec::env);
        exec.start().release();
        assertEquals(0, exec.waitFirstProcess(), exec.stderr());
        trackMonitor(exec.monitorPid());
        assertTrue(exec.readSyncLine().startsWith("{\"data\": "));
        assertEquals("{\"data\": 0}\n", exec.readSyncLine());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(cid + ".sock")), listing.toList(), "only the container's socket");
        }
        Runc.run("kill", cid, "KILL");
    }
}
