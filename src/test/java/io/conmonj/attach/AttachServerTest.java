package io.conmonj.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.io.ContainerStdin;
import io.conmonj.io.OutputCounters;
import io.conmonj.io.OutputFanOut;
import io.conmonj.os.Posix;
import io.conmonj.stream.StreamType;
import io.conmonj.testing.MemoryLog;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;

/** Attach clients on the event loop, with a real SEQPACKET socket and real clients. */
class AttachServerTest {
    private final Posix posix = Posix.load();
    private final RunningLoop running = new RunningLoop(posix);
    private final OutputCounters counters = new OutputCounters(false);
    private final OutputFanOut fanOut = new OutputFanOut(new MemoryLog(), counters);
    @TempDir
    Path bundle;
    private AttachServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            running.run(() -> {
                server.stopAccepting();
                server.closeClients();
            });
        }
        running.close();
    }

    private void serve(ContainerStdin stdin, boolean closeStdinOnEnd) throws Exception {
        running.run(() -> {
            AttachSocket socket = AttachSocket.create(posix, bundle.toString(), null, "cuuid", true);
            server = new AttachServer(posix, running.loop(), socket, fanOut, stdin, closeStdinOnEnd);
        });
    }

    private SeqpacketClient connect() {
        return SeqpacketClient.connect(bundle.resolve("attach"));
    }

    private void output(StreamType stream, byte[] data) throws Exception {
        running.run(() -> fanOut.deliver(stream, ByteBuffer.wrap(data)));
    }

    /** What the client reads until EOF: stream byte + data per message. */
    private static List<byte[]> readAll(SeqpacketClient client) {
        java.util.ArrayList<byte[]> messages = new java.util.ArrayList<>();
        byte[] m;
        while ((m = client.readMessage()) != null) {
            messages.add(m);
        }
        return messages;
    }

    private static byte[] payload(List<byte[]> messages, byte streamByte) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            if (m[0] == streamByte) {
                out.write(m, 1, m.length - 1);
            }
        }
        return out.toByteArray();
    }

    @Test
    void clientsWaitingBeforeTheStartGetEverythingInMessagesOfAtMost8193Bytes() throws Exception {
        serve(null, false);
        SeqpacketClient early = connect();
        running.run(server::start);
        CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> readAll(early));
        byte[] big = new byte[100_000];
        java.util.Arrays.fill(big, (byte) 'x');
        output(StreamType.STDOUT, big);
        output(StreamType.STDERR, "oops\n".getBytes());
        running.run(server::finishClients);
        List<byte[]> messages = received.get(10, TimeUnit.SECONDS);
        assertTrue(messages.stream().allMatch(m -> m.length <= 8193));
        assertArrayEquals(big, payload(messages, (byte) 2));
        assertEquals("oops\n", new String(payload(messages, (byte) 3)));
        early.close();
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndTheOthersGoOn() throws Exception {
        serve(null, false);
        SeqpacketClient stuck = connect();
        SeqpacketClient reading = connect();
        running.run(server::start);
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
            byte[] m;
            while ((m = reading.readMessage()) != null) {
                read.addAndGet(m.length - 1);
            }
            return read.get();
        });
        byte[] chunk = new byte[64 * 1024];
        int chunks = (int) (2 * AttachClient.QUEUED_BYTES_MAX / chunk.length);
        for (int i = 0; i < chunks; i++) {
            // the reader is kept within half the limit (a loaded machine may schedule it late): only the
            // client that never reads can fall behind
            long delivered = (long) i * chunk.length;
            assertTrue(Waits.until(Duration.ofSeconds(20), () -> delivered - read.get() < AttachClient.QUEUED_BYTES_MAX / 2));
            output(StreamType.STDOUT, chunk);
        }
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> counters.droppedReceivers() == 1));
        running.run(server::finishClients);
        assertEquals((long) chunks * chunk.length, received.get(20, TimeUnit.SECONDS));
        assertNull(drainUntilEnd(stuck), "the stuck client was disconnected");
        stuck.close();
        reading.close();
    }

    /** Reads what was delivered before the disconnect; null once the connection has ended. */
    private static byte[] drainUntilEnd(SeqpacketClient client) {
        while (client.readMessage() != null) {
            // what the kernel held for it before it was dropped
        }
        return null;
    }

    @Test
    void inputGoesToStdinAndTheClientsEofClosesIt() throws Exception {
        int[] pipe = posix.pipe();
        ContainerStdin[] stdin = new ContainerStdin[1];
        running.run(() -> stdin[0] = new ContainerStdin(posix, running.loop(), pipe[1], () -> server.resumeInput()));
        serve(stdin[0], true);
        running.run(server::start);
        try (SeqpacketClient client = connect()) {
            client.send("hello\n".getBytes());
            client.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocateDirect(1024);
            int n;
            while ((n = readBlocking(pipe[0], b)) > 0) {
                byte[] bytes = new byte[n];
                b.flip().get(bytes);
                got.writeBytes(bytes);
            }
            assertEquals("hello\n", got.toString());
        } finally {
            posix.close(pipe[0]);
        }
    }

    private int readBlocking(int fd, ByteBuffer b) {
        b.clear();
        return posix.read(fd, b);
    }

    @Test
    void clientsComingAndGoingLeaveNoDescriptorBehind() throws Exception {
        serve(null, false);
        running.run(server::start);
        long before = openFds();
        for (int i = 0; i < 200; i++) {
            SeqpacketClient client = connect();
            if (i % 2 == 0) {
                output(StreamType.STDOUT, ("message " + i + "\n").getBytes());
            }
            client.close();
        }
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> openFds() == before && counters.receivers() == 0),
                () -> "fds " + openFds() + " (before " + before + "), clients " + counters.receivers());
        assertEquals(200, counters.acceptedClients());
    }

    private static long openFds() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
