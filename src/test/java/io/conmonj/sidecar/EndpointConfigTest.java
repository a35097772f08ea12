package io.conmonj.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.diag.FatalError;

/** The endpoint's settings: environment over config file, --http-socket over both, conmon-style errors. */
class EndpointConfigTest {
    @TempDir
    Path tmp;

    private EndpointConfig load(Map<String, String> env) {
        return EndpointConfig.load(env);
    }

    private Path conf(String text) throws Exception {
        Path file = tmp.resolve("conmonj.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void nothingSetMeansNoEndpoint() {
        EndpointConfig config = load(Map.of(EndpointConfig.CONFIG_ENV, "")); // default file absent on test machines
        assertNull(config.socketDir());
        assertNull(config.endpointFor(null, 0600, "abc", false));
    }

    @Test
    void directoryFromTheEnvironmentGivesOneSocketPerContainer() {
        EndpointConfig config = EndpointConfig.resolve(Map.of(EndpointConfig.DIR_ENV, "/run/conmonj/"), Map.of(), "f");
        EndpointConfig.Endpoint e = config.endpointFor(null, 0600, "abc123", false);
        assertEquals(Path.of("/run/conmonj/abc123.sock"), e.path());
        assertEquals(0600, e.mode());
        assertNull(e.group());
        assertTrue(!e.required(), "a directory endpoint that fails is reported, not fatal");
    }

    @Test
    void execSessionsGetNoEndpointFromTheDirectory() {
        EndpointConfig config = EndpointConfig.resolve(Map.of(EndpointConfig.DIR_ENV, "/run/conmonj"), Map.of(), "f");
        assertNull(config.endpointFor(null, 0600, "abc123", true));
        assertNull(config.endpointFor(null, 0600, "../escape", false), "no path outside the directory");
    }

    @Test
    void theCommandLineWinsOverEnvironmentAndFile() {
        EndpointConfig config = EndpointConfig.resolve(Map.of(EndpointConfig.DIR_ENV, "/run/conmonj",
                EndpointConfig.MODE_ENV, "0666"), Map.of(), "f");
        EndpointConfig.Endpoint e = config.endpointFor("/tmp/x.sock", 0640, "abc", false);
        assertEquals(Path.of("/tmp/x.sock"), e.path());
        assertEquals(0640, e.mode());
        assertTrue(e.required());
        assertNotNull(config.endpointFor("/tmp/x.sock", 0640, "abc", true), "an explicit socket is served for exec too");
    }

    @Test
    void theEnvironmentWinsOverTheConfigFile() throws Exception {
        Path file = conf("""
                # conmonj
                http_socket_dir = "/var/run/from-file"
                http_socket_mode = 0640

                """);
        EndpointConfig fromFile = load(Map.of(EndpointConfig.CONFIG_ENV, file.toString()));
        assertEquals(Path.of("/var/run/from-file"), fromFile.socketDir());
        assertEquals(0640, fromFile.socketMode());
        EndpointConfig both = load(Map.of(EndpointConfig.CONFIG_ENV, file.toString(), EndpointConfig.DIR_ENV, "/run/env"));
        assertEquals(Path.of("/run/env"), both.socketDir());
        assertEquals(0640, both.socketMode(), "keys the environment does not set still come from the file");
    }

    @Test
    void aGroupMakesTheDefaultModeGroupReadable() {
        EndpointConfig config = EndpointConfig.resolve(Map.of(EndpointConfig.DIR_ENV, "/run/c",
                EndpointConfig.GROUP_ENV, "0"), Map.of(), "f");
        assertEquals(0660, config.socketMode());
        assertNotNull(config.socketGroup());
        assertEquals(config.socketGroup(), config.endpointFor(null, 0600, "c1", false).group());
    }

    @Test
    void badValuesAreFatalInConmonsWords() throws Exception {
        FatalError mode = assertThrows(FatalError.class, () -> EndpointConfig.resolve(
                Map.of(EndpointConfig.DIR_ENV, "/run/c", EndpointConfig.MODE_ENV, "rw-rw----"), Map.of(), "f"));
        assertEquals("[conmon:e]: CONMONJ_HTTP_SOCKET_MODE: invalid socket mode \"rw-rw----\" (octal permissions, e.g. 0660)",
                mode.line());
        assertThrows(FatalError.class, () -> EndpointConfig.resolve(Map.of(EndpointConfig.MODE_ENV, "01777"), Map.of(), "f"));
        FatalError relative = assertThrows(FatalError.class,
                () -> EndpointConfig.resolve(Map.of(EndpointConfig.DIR_ENV, "run/c"), Map.of(), "f"));
        assertTrue(relative.line().startsWith("[conmon:e]: CONMONJ_HTTP_SOCKET_DIR: the socket directory must be an absolute"));
        FatalError group = assertThrows(FatalError.class, () -> EndpointConfig.resolve(
                Map.of(EndpointConfig.GROUP_ENV, "no-such-group-here"), Map.of(), "f"));
        assertEquals("[conmon:e]: CONMONJ_HTTP_SOCKET_GROUP: unknown group \"no-such-group-here\"", group.line());
        Path file = conf("http_socket_dir = /run/c\nhttp_sockt_mode = 0660\n");
        FatalError key = assertThrows(FatalError.class, () -> load(Map.of(EndpointConfig.CONFIG_ENV, file.toString())));
        assertEquals("[conmon:e]: " + file + ":2: unknown key \"http_sockt_mode\" (known: http_socket_dir, http_socket_mode,"
                + " http_socket_group)", key.line());
        Path mode2 = conf("http_socket_mode = 9\n");
        FatalError fileMode = assertThrows(FatalError.class, () -> load(Map.of(EndpointConfig.CONFIG_ENV, mode2.toString())));
        assertTrue(fileMode.line().startsWith("[conmon:e]: " + mode2 + ": http_socket_mode: invalid socket mode \"9\""),
                fileMode.line());
        FatalError missing = assertThrows(FatalError.class,
                () -> load(Map.of(EndpointConfig.CONFIG_ENV, tmp.resolve("absent.conf").toString())));
        assertTrue(missing.line().contains("No such file"), missing.line());
    }
}
