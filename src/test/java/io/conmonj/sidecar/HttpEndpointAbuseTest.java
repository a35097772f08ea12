package io.conmonj.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.io.OutputCounters;
import io.conmonj.log.LogCounters;
import io.conmonj.os.Posix;
import io.conmonj.testing.Waits;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

/**
 * The endpoint against clients that misbehave, over a real unix socket with a raw client (jnr-unixsocket:
 * nothing shared with the server's Vert.x transport): oversized request lines and headers, garbage,
 * wrong methods, a thousand connections that never speak, a slowloris client. Each is refused or
 * closed, and a well-behaved request meanwhile and right after still gets its answer.
 */
class HttpEndpointAbuseTest {
    private static final Duration IDLE = Duration.ofMillis(600);

    @TempDir
    Path tmp;
    private Path socket;
    private final List<UnixSocketChannel> clients = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        socket = tmp.resolve("ep.sock");
        HttpEndpoint.startInBackground(Posix.load(), new EndpointConfig.Endpoint(socket, 0600, null, true),
                new ContainerState("c".repeat(64), "ctr", "runc"), new OutputCounters(false), new LogCounters(), IDLE);
        assertTrue(Waits.until(Duration.ofSeconds(20), () -> Files.exists(socket)), "the endpoint is listening");
    }

    @AfterEach
    void closeClients() throws IOException {
        for (UnixSocketChannel client : clients) {
            client.close();
        }
    }

    private UnixSocketChannel connect() throws IOException {
        UnixSocketChannel client = UnixSocketChannel.open(new UnixSocketAddress(new File(socket.toString())));
        client.setOption(UnixSocketOptions.SO_RCVTIMEO, 5000);
        clients.add(client);
        return client;
    }

    private static void send(UnixSocketChannel client, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            client.write(buffer);
        }
    }

    /** Everything the server sends until it closes the connection (or 5 s pass without a byte). */
    private static String readToEnd(UnixSocketChannel client) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        int n;
        try {
            while ((n = client.read(buffer)) > 0) {
                text.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                buffer.clear();
            }
        } catch (IOException e) {
            // reset by the server: what came before is the answer
        }
        return text.toString();
    }

    private String statusLineOf(String request) throws IOException {
        UnixSocketChannel client = connect();
        send(client, request);
        String response = readToEnd(client);
        // "HTTP/1.0 414 ..." when the request line was too broken to read its version
        return response.isEmpty() ? "" : response.substring("HTTP/1.x ".length(), response.indexOf('\r'));
    }

    private void stillAnswers() throws IOException {
        assertEquals("200 OK", statusLineOf("GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void oversizedLinesAndHeadersAreRefusedWith4xx() throws Exception {
        assertEquals("414 Request-URI Too Long", statusLineOf("GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n"));
        assertEquals("431 Request Header Fields Too Large",
                statusLineOf("GET /livez HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"));
        assertEquals("405 Method Not Allowed", statusLineOf("DELETE /livez HTTP/1.1\r\nConnection: close\r\n\r\n"));
        stillAnswers();
    }

    @Test
    void garbageIsAnsweredWith400OrClosed() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            String status = statusLineOf(new String(junk, StandardCharsets.ISO_8859_1) + "\r\n\r\n");
            assertTrue(status.isEmpty() || status.startsWith("4"), status);
        }
        stillAnswers();
    }

    @Test
    void connectionsThatNeverSpeakAreClosedAfterTheIdleTimeout() throws Exception {
        List<UnixSocketChannel> silent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            silent.add(connect());
        }
        stillAnswers();
        long start = System.nanoTime();
        for (UnixSocketChannel client : silent) {
            assertEquals("", readToEnd(client), "closed by the server");
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        stillAnswers();
    }

    /**
     * A client that drips its request a header at a time holds one connection (each byte resets its
     * idle timeout) until the header limit answers it; everybody else is answered all along.
     */
    @Test
    void aSlowlorisClientHoldsOnlyItsOwnConnection() throws Exception {
        UnixSocketChannel slow = connect();
        send(slow, "GET /livez HTTP/1.1\r\n");
        for (int i = 0; i < 30; i++) {
            try {
                send(slow, "X-Drip-" + i + ": " + "d".repeat(300) + "\r\n");
            } catch (IOException e) {
                break; // answered and closed once past the limit
            }
            Thread.sleep(100);
            if (i % 10 == 0) {
                stillAnswers();
            }
        }
        // past the header limit the server answers 431 and closes; drips it had not read yet make the
        // close a reset, which may discard the answer before it is read
        String answer = readToEnd(slow);
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 431"), "the header limit ends it: " + answer);
        stillAnswers();
    }
}
