package io.conmonj.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.attach.AttachServer;
import io.conmonj.attach.AttachSocket;
import io.conmonj.ctl.ControlFifos;
import io.conmonj.exit.ChildReaper;
import io.conmonj.exit.ContainerExitWatch;
import io.conmonj.exit.ExitStatus;
import io.conmonj.io.OutputCounters;
import io.conmonj.io.OutputFanOut;
import io.conmonj.io.OutputReader;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.SpawnRequest;
import io.conmonj.stream.StreamType;
import io.conmonj.testing.FaultyPosix;
import io.conmonj.testing.MemoryLog;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;

/** What a failing system call means for the container, injected into the reader, reaper and ctl fifo. */
class FaultInjectionTest {
    private final Posix real = Posix.load();
    private final FaultyPosix faulty = new FaultyPosix(real);
    private final RunningLoop running = new RunningLoop(real);
    @TempDir
    Path dir;

    @AfterEach
    void close() throws InterruptedException {
        running.close();
    }

    @Test
    void aReadErrorOnTheOutputPipeNeverLeavesTheContainerBlocked() throws Exception {
        int[] out = real.pipe();
        MemoryLog log = new MemoryLog();
        running.run(() -> new OutputReader(faulty.posix(), running.loop(), new OutputFanOut(log, new OutputCounters(false)))
                .add(new OutputReader.Source(out[0], StreamType.STDOUT, false)));
        faulty.fail("read", fd -> fd == out[0], Posix.EIO);
        // the reader gives the pipe up (EOF): the container's next writes fail instead of blocking forever
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> real.writeFully(out[1], new byte[8 << 20]));
        ExecutionException e = assertThrows(ExecutionException.class, () -> writer.get(20, TimeUnit.SECONDS));
        assertEquals(Posix.EPIPE, ((OsException) e.getCause()).errno());
        real.close(out[1]);
    }

    @Test
    void aReapingFailureFallsBackToLookingRegularly() throws Exception {
        int pid = faulty.posix().spawn(new SpawnRequest("/bin/sh", List.of("sh", "-c", "sleep 0.3; exit 4"), List.of(),
                java.util.Map.of(), java.util.Set.of(0, 1, 2), false));
        ChildReaper reaper = new ChildReaper(faulty.posix());
        AtomicReference<ExitStatus> exit = new AtomicReference<>();
        faulty.fail("waitpid", fd -> true, Posix.EINTR + 1000);
        ContainerExitWatch watch = running.call(() -> new ContainerExitWatch(running.loop(), reaper, pid, exit::set));
        running.run(watch::childSignal);
        Thread.sleep(500);
        assertEquals(null, exit.get(), "waitpid fails: the exit is not seen yet");
        // waitpid works again, and no SIGCHLD will come: the timer still finds the exit
        faulty.heal();
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> exit.get() != null));
        assertEquals(4, exit.get().code());
    }

    @Test
    void anAttachClientWhoseWritesFailIsClosedAndTheOthersGetEverything() throws Exception {
        OutputCounters counters = new OutputCounters(false);
        OutputFanOut fanOut = new OutputFanOut(new MemoryLog(), counters);
        Path healthyDir = Files.createDirectories(dir.resolve("healthy"));
        Path failingDir = Files.createDirectories(dir.resolve("failing"));
        running.run(() -> {
            new AttachServer(real, running.loop(), AttachSocket.create(real, healthyDir.toString(), null, "a", true),
                    fanOut, null, false).start();
            new AttachServer(faulty.posix(), running.loop(), AttachSocket.create(real, failingDir.toString(), null, "b",
                    true), fanOut, null, false).start();
        });
        try (SeqpacketClient healthy = SeqpacketClient.connect(healthyDir.resolve("attach"));
             SeqpacketClient failing = SeqpacketClient.connect(failingDir.resolve("attach"))) {
            assertTrue(Waits.until(Duration.ofSeconds(5), () -> counters.receivers() == 2));
            faulty.fail("write", fd -> true, Posix.EIO);
            for (int i = 0; i < 3; i++) {
                byte[] line = ("line " + i + "\n").getBytes();
                running.run(() -> fanOut.deliver(StreamType.STDOUT, ByteBuffer.wrap(line)));
            }
            assertTrue(Waits.until(Duration.ofSeconds(5), () -> counters.receivers() == 1));
            assertEquals(null, failing.readMessage(), "the failing client was closed");
            for (int i = 0; i < 3; i++) {
                assertEquals("\u0002line " + i + "\n", new String(healthy.readMessage()));
            }
        }
    }

    @Test
    void aFailingCtlFifoIsReportedAndTheRestOfTheLoopGoesOn() throws Exception {
        int[] other = real.pipe();
        List<String> resized = new java.util.concurrent.CopyOnWriteArrayList<>();
        ControlFifos fifos = ControlFifos.create(faulty.posix(), dir.toString());
        running.run(() -> fifos.start(running.loop(), new ControlFifos.Actions() {
            @Override
            public void resize(int rows, int columns) {
                resized.add(rows + "x" + columns);
            }

            @Override
            public void reopenLog() {
            }
        }));
        boolean[] otherServed = new boolean[1];
        running.run(() -> running.loop().watch("other", other[0], Posix.POLLIN, r -> {
            real.read(other[0], ByteBuffer.allocateDirect(8));
            otherServed[0] = true;
        }));
        faulty.fail("read", fd -> true, Posix.EIO);
        Files.writeString(dir.resolve("ctl"), "1 5 5\n", StandardOpenOption.WRITE);
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> !running.failures().isEmpty()));
        assertTrue(running.failures().get(0).startsWith("ctl fifo: "), running.failures().toString());
        real.writeFully(other[1], new byte[] {1});
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> otherServed[0]), "the loop still serves the rest");
        assertEquals(List.of(), resized);
        running.run(fifos::close);
        real.close(other[0]);
        real.close(other[1]);
    }
}
