package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Runc;
import io.conmonj.testing.SeqpacketClient;

/** The attach socket with a real SEQPACKET client and real containers (docs/behaviour.md §8). */
class AttachIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    /** Everything a client reads until EOF, split per stream; fails on a message over 8193 bytes. */
    record Received(ByteArrayOutputStream stdout, ByteArrayOutputStream stderr, int messages) {
        String out() {
            return stdout.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static Received readAll(SeqpacketClient client) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int messages = 0;
        byte[] m;
        while ((m = client.readMessage()) != null) {
            messages++;
            assertTrue(m.length >= 2 && m.length <= SeqpacketClient.READ_SIZE, "message of " + m.length + " bytes");
            assertTrue(m[0] == 2 || m[0] == 3, "stream byte " + m[0]);
            (m[0] == 2 ? out : err).write(m, 1, m.length - 1);
        }
        return new Received(out, err, messages);
    }

    static CompletableFuture<Received> readAllInBackground(SeqpacketClient client) {
        return CompletableFuture.supplyAsync(() -> readAll(client));
    }

    @Test
    void aClientGetsBothStreamsFramedAndNeverMoreThan8193BytesPerMessage() throws Exception {
        // 1 MiB on stdout, a marker line on stderr, after the client is in
        Path bundle = Bundles.shell(tmp.resolve("b"),
                "sleep 0.5; head -c 1048576 /dev/zero | tr '\\0' o; echo to-stderr >&2");
        String cid = createContainer(bundle);
        Path socket = bundle.resolve("attach");
        assertTrue(Files.exists(socket), "attach socket exists before the pid is reported");
        try (SeqpacketClient client = SeqpacketClient.connect(socket)) {
            CompletableFuture<Received> received = readAllInBackground(client);
            Runc.start(cid);
            assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
            Received r = received.get();
            assertEquals(1048576, r.stdout().size());
            assertTrue(r.out().chars().allMatch(c -> c == 'o'));
            assertEquals("to-stderr\n", r.stderr().toString(StandardCharsets.ISO_8859_1));
            assertTrue(r.messages() >= 1048576 / 8192, "messages: " + r.messages());
        }
        assertFalse(Files.exists(socket), "attach socket removed after exit");
    }

    @Test
    void severalClientsEachGetEverything() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "sleep 0.5; seq 1 20000");
        String cid = createContainer(bundle);
        List<SeqpacketClient> clients = List.of(SeqpacketClient.connect(bundle.resolve("attach")),
                SeqpacketClient.connect(bundle.resolve("attach")), SeqpacketClient.connect(bundle.resolve("attach")));
        try {
            List<CompletableFuture<Received>> all = clients.stream().map(AttachIT::readAllInBackground).toList();
            Runc.start(cid);
            awaitExit(bundle, cid, EXIT_WAIT);
            String expected = K8sFileLogIT.seq(1, 20000);
            for (CompletableFuture<Received> r : all) {
                assertEquals(expected, r.get().out());
            }
        } finally {
            clients.forEach(SeqpacketClient::close);
        }
    }

    @Test
    void catEchoesWhatAClientSendsAndEndsWhenTheClientHalfCloses() throws Exception {
        Path bundle = Bundles.make(tmp.resolve("b"), "cat");
        String cid = createContainer(bundle, "-i");
        try (SeqpacketClient client = SeqpacketClient.connect(bundle.resolve("attach"))) {
            Runc.start(cid);
            client.send("hello through stdin\n".getBytes(StandardCharsets.UTF_8));
            byte[] echo = client.readMessage();
            assertArrayEquals("\u0002hello through stdin\n".getBytes(StandardCharsets.UTF_8), echo);
            client.shutdownOutput();
            assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT), "cat saw EOF and ended");
        }
    }

    @Test
    void withLeaveStdinOpenASecondClientCanStillWrite() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "read a; read b; echo \"$a+$b\"");
        String cid = createContainer(bundle, "-i", "--leave-stdin-open");
        Runc.start(cid);
        try (SeqpacketClient first = SeqpacketClient.connect(bundle.resolve("attach"))) {
            first.send("one\n".getBytes(StandardCharsets.UTF_8));
            first.shutdownOutput();
        }
        Thread.sleep(300);
        try (SeqpacketClient second = SeqpacketClient.connect(bundle.resolve("attach"))) {
            second.send("two\n".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("\u0002one+two\n".getBytes(StandardCharsets.UTF_8), second.readMessage());
        }
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
    }

    @Test
    void withoutLeaveStdinOpenTheFirstClientsEndClosesStdin() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "read a; read b; echo \"$a+$b\"; sleep 0.5");
        String cid = createContainer(bundle, "-i");
        try (SeqpacketClient client = SeqpacketClient.connect(bundle.resolve("attach"))) {
            Runc.start(cid);
            client.send("one\n".getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            assertArrayEquals("\u0002one+\n".getBytes(StandardCharsets.UTF_8), client.readMessage());
        }
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
    }

    @Test
    void withoutDashIStdinIsAtEofAtOnce() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "cat; echo cat-ended");
        String cid = createContainer(bundle);
        Runc.start(cid);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        assertTrue(Files.readString(bundle.resolve("ctr.log")).contains(" stdout F cat-ended"));
    }

    @Test
    void aClientThatNeverReadsDoesNotSlowTheContainerOrLoseLogBytes() throws Exception {
        // 100 MiB as 1 MiB lines of 'a' (the log splits them into 8192-byte partial records)
        Path bundle = Bundles.shell(tmp.resolve("b"),
                "sleep 0.5; i=0; while [ $i -lt 100 ]; do head -c 1048575 /dev/zero | tr '\\0' a; echo; i=$((i+1)); done");
        String cid = createContainer(bundle);
        try (SeqpacketClient stuck = SeqpacketClient.connect(bundle.resolve("attach"))) {
            Runc.start(cid);
            assertEquals("0", awaitExit(bundle, cid, Duration.ofSeconds(120)));
            long logged = 0;
            long newlines = 0;
            try (var lines = Files.lines(bundle.resolve("ctr.log"), StandardCharsets.ISO_8859_1)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    int content = line.indexOf(' ', line.indexOf(' ', line.indexOf(' ') + 1) + 1) + 1;
                    logged += line.length() - content;
                    if (line.charAt(content - 2) == 'F') {
                        newlines++;
                    }
                }
            }
            assertEquals(100L * 1048575, logged, "every byte in the log");
            assertEquals(100, newlines);
            // the stuck client was dropped: draining it ends with EOF instead of blocking
            Received r = readAll(stuck);
            assertTrue(r.stdout().size() < 100L * 1048576, "dropped before the end");
        }
    }
}
