package io.conmonj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conmonj.os.Posix;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.Waits;

/** The container's stdin with a real pipe: back-pressure, order, close after the queued input. */
class ContainerStdinTest {
    private final Posix posix = Posix.load();
    private final RunningLoop running = new RunningLoop(posix);
    private final int[] pipe = posix.pipe();
    private final AtomicInteger drained = new AtomicInteger();
    private ContainerStdin stdin;

    @AfterEach
    void close() throws InterruptedException {
        running.close();
        posix.close(pipe[0]);
    }

    /** Everything the container reads until EOF. */
    private byte[] readToEnd() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        while (true) {
            buffer.clear();
            int n = posix.read(pipe[0], buffer);
            if (n == 0) {
                return all.toByteArray();
            }
            byte[] chunk = new byte[n];
            buffer.flip().get(chunk);
            all.writeBytes(chunk);
        }
    }

    @Test
    void inputWaitsForTheContainerAndTellsClientsWhenThereIsRoomAgain() throws Exception {
        running.run(() -> stdin = new ContainerStdin(posix, running.loop(), pipe[1], drained::incrementAndGet));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            byte[] piece = new byte[16384];
            java.util.Arrays.fill(piece, (byte) i);
            sent.writeBytes(piece);
            running.run(() -> stdin.write(piece, piece.length));
        }
        assertTrue(running.call(stdin::full), "1 MiB into a pipe nobody reads fills the backlog");
        running.run(stdin::close);
        byte[] received = readToEnd();
        assertArrayEquals(sent.toByteArray(), received, "all of it, in order, then EOF");
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> drained.get() >= 1));
        assertFalse(running.call(stdin::full));
    }

    @Test
    void inputAfterTheCloseIsDropped() throws Exception {
        running.run(() -> {
            stdin = new ContainerStdin(posix, running.loop(), pipe[1], drained::incrementAndGet);
            stdin.write("kept".getBytes(), 4);
            stdin.close();
            stdin.write("dropped".getBytes(), 7);
        });
        assertEquals("kept", new String(readToEnd()));
    }
}
