package io.conmonj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conmonj.os.Posix;
import io.conmonj.stream.StreamType;
import io.conmonj.testing.MemoryLog;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.Waits;

/** The output side of the event loop with real pipes: order, back-pressure, draining and failures. */
class OutputReaderTest {
    private final Posix posix = Posix.load();
    private final RunningLoop running = new RunningLoop(posix);
    private final MemoryLog log = new MemoryLog();
    private final OutputCounters counters = new OutputCounters(true);
    private final int[] out = posix.pipe();
    private final int[] err = posix.pipe();
    private OutputReader reader;

    @AfterEach
    void close() throws InterruptedException {
        running.close();
        posix.close(out[1]);
        posix.close(err[1]);
    }

    private void startReading() throws Exception {
        running.run(() -> {
            reader = new OutputReader(posix, running.loop(), new OutputFanOut(log, counters));
            reader.add(new OutputReader.Source(out[0], StreamType.STDOUT, false));
            reader.add(new OutputReader.Source(err[0], StreamType.STDERR, false));
        });
    }

    private static byte[] pattern(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) ((i * 31 + seed) % 251);
        }
        return data;
    }

    @Test
    void everyByteOfBothStreamsArrivesInOrder() throws Exception {
        startReading();
        byte[] a = pattern(3 << 20, 1);
        byte[] b = pattern(1 << 20, 7);
        CompletableFuture<Void> writeA = CompletableFuture.runAsync(() -> posix.writeFully(out[1], a));
        posix.writeFully(err[1], b);
        writeA.get(30, TimeUnit.SECONDS);
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> counters.bytes(StreamType.STDOUT) == a.length
                && counters.bytes(StreamType.STDERR) == b.length));
        assertArrayEquals(a, log.bytes(StreamType.STDOUT));
        assertArrayEquals(b, log.bytes(StreamType.STDERR));
    }

    @Test
    void aSlowLogHoldsTheWriterBackAndLosesNothing() throws Exception {
        log.slowDown(20);
        startReading();
        byte[] data = pattern(4 << 20, 3);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> posix.writeFully(out[1], data));
        Thread.sleep(200);
        assertTrue(!writer.isDone(), "the writer waits for the log, as a container blocks on its pipe");
        log.slowDown(0);
        writer.get(30, TimeUnit.SECONDS);
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> counters.bytes(StreamType.STDOUT) == data.length));
        assertArrayEquals(data, log.bytes(StreamType.STDOUT));
    }

    @Test
    void drainReadsWhatIsLeftWithoutWaitingForTheWriteEndToClose() throws Exception {
        startReading();
        running.run(() -> {
            // the container has exited; a background child still holds the pipe open
            posix.writeFully(out[1], "last words\n".getBytes());
            reader.drain();
        });
        assertEquals("last words\n", new String(log.bytes(StreamType.STDOUT)));
    }

    @Test
    void aFailingLogNeverBlocksTheContainer() throws Exception {
        log.failWith(new IllegalStateException("disk on fire"));
        startReading();
        byte[] data = pattern(8 << 20, 5);
        CompletableFuture.runAsync(() -> posix.writeFully(out[1], data)).get(30, TimeUnit.SECONDS);
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> reader.undelivered() == data.length),
                () -> "undelivered " + reader.undelivered());
        log.failWith(null);
        posix.writeFully(out[1], "after\n".getBytes());
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Arrays.equals("after\n".getBytes(),
                log.bytes(StreamType.STDOUT))), "delivery resumes once the log works again");
        assertEquals(java.util.List.of(), running.failures());
    }

    @Test
    void linesAreCountedWhenAsked() throws Exception {
        startReading();
        posix.writeFully(out[1], "a\nb\nc".getBytes());
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> counters.bytes(StreamType.STDOUT) == 5));
        assertEquals(2, counters.lines(StreamType.STDOUT));
    }
}
