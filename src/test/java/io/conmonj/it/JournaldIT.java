package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.conmonj.log.JournaldLog;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.Journald;
import io.conmonj.testing.Runc;
import io.vertx.core.json.JsonObject;

/**
 * The journald driver against a real systemd-journald (a private namespace started by the test:
 * no systemd runs as PID 1 here), read back with journalctl (docs/behaviour.md §11.5).
 */
class JournaldIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private Journald journald;

    @BeforeEach
    void startJournald() throws Exception {
        assumeTrue(Files.isExecutable(Journald.BINARY), "systemd-journald is not installed");
        journald = new Journald();
    }

    @AfterEach
    void stopJournald() throws Exception {
        if (journald != null) {
            journald.close();
        }
    }

    private String run(String script, String... extra) throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), script);
        String[] args = new String[extra.length + 2];
        args[0] = "-l";
        args[1] = "journald:";
        System.arraycopy(extra, 0, args, 2, extra.length);
        String cid = createContainer(bundle, Map.of(JournaldLog.SOCKET_ENV, journald.socket().toString()), args);
        Runc.start(cid);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        return cid;
    }

    @Test
    void entriesCarryTheFieldsPriorityPartialFlagAndLabels() throws Exception {
        String cid = run("echo full; printf part; sleep 0.2; echo ial; echo err >&2; sleep 0.2; printf '<3>urgent\\n';"
                + " printf tail-without-newline", "--log-tag", "tagx", "--log-label", "TEAM=blue");
        List<JsonObject> entries = journald.entries(cid, 5);
        Map<String, JsonObject> byMessage = entries.stream()
                .collect(Collectors.toMap(e -> e.getString("MESSAGE"), e -> e));
        assertEquals(Map.of("full\n", "6", "partial\n", "6", "err\n", "3", "urgent\n", "3", "tail-without-newline", "6"),
                byMessage.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().getString("PRIORITY"))));
        for (JsonObject e : entries) {
            assertEquals(cid, e.getString("CONTAINER_ID_FULL"));
            assertEquals(cid.substring(0, 12), e.getString("CONTAINER_ID"));
            assertEquals("name-" + cid, e.getString("CONTAINER_NAME"));
            assertEquals("tagx", e.getString("CONTAINER_TAG"));
            assertEquals("tagx", e.getString("SYSLOG_IDENTIFIER"));
            assertEquals("blue", e.getString("TEAM"));
        }
        assertEquals("true", byMessage.get("tail-without-newline").getString("CONTAINER_PARTIAL_MESSAGE"));
        assertNull(byMessage.get("partial\n").getString("CONTAINER_PARTIAL_MESSAGE"));
        // the k8s-file log (podman's -l) got the same output alongside
        assertTrue(K8sFileLogIT.decode(Files.readAllLines(tmp.resolve("b/ctr.log")), "stdout").startsWith("full\npartial\n"));
    }

    @Test
    void aLongLineIsSentAsPartialEntriesThenAFullOne() throws Exception {
        String cid = run("head -c 20000 /dev/zero | tr '\\0' y; echo");
        List<JsonObject> entries = journald.entries(cid, 3);
        String joined = entries.stream().map(e -> e.getString("MESSAGE")).collect(Collectors.joining());
        assertEquals("y".repeat(20000) + "\n", joined);
        assertEquals("true", entries.get(0).getString("CONTAINER_PARTIAL_MESSAGE"));
        assertNull(entries.get(entries.size() - 1).getString("CONTAINER_PARTIAL_MESSAGE"));
        assertEquals("name-" + cid, entries.get(0).getString("SYSLOG_IDENTIFIER"), "no tag: the name");
    }

    @Test
    void noContainerPartialMessageOmitsTheFlag() throws Exception {
        String cid = run("printf no-newline", "--no-container-partial-message");
        JsonObject entry = journald.entries(cid, 1).get(0);
        assertEquals("no-newline", entry.getString("MESSAGE"));
        assertNull(entry.getString("CONTAINER_PARTIAL_MESSAGE"));
    }

    @Test
    void anEntryTooLargeForADatagramGoesThroughAMemfd() throws Exception {
        // two 120 KB labels: more than a unix datagram may carry (212992 bytes by default)
        String big = "v".repeat(120_000);
        String cid = run("echo with-big-labels", "--log-label", "BIG_A=" + big, "--log-label", "BIG_B=" + big);
        JsonObject entry = journald.entries(cid, 1).get(0);
        assertEquals("with-big-labels\n", entry.getString("MESSAGE"));
        assertEquals(big, entry.getString("BIG_A"));
        assertEquals(big, entry.getString("BIG_B"));
    }

    @Test
    void withNoJournalListeningTheContainerIsUnaffected() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "seq 1 1000");
        String cid = createContainer(bundle, Map.of(JournaldLog.SOCKET_ENV, tmp.resolve("no-journal").toString()),
                "-l", "journald:");
        Runc.start(cid);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        assertEquals(K8sFileLogIT.seq(1, 1000), K8sFileLogIT.decode(Files.readAllLines(bundle.resolve("ctr.log")),
                "stdout"));
    }
}
