package io.conmonj.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conmonj.os.Posix;
import io.conmonj.testing.RunningLoop;
import io.conmonj.testing.Waits;

class EventLoopTest {
    private final Posix posix = Posix.load();
    private final RunningLoop running = new RunningLoop(posix);
    private final List<int[]> pipes = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        running.close();
        for (int[] p : pipes) {
            posix.close(p[0]);
            posix.close(p[1]);
        }
    }

    private int[] pipe() {
        int[] p = posix.pipe();
        pipes.add(p);
        return p;
    }

    @Test
    void aTaskFromAnotherThreadWakesTheLoopAtOnce() throws Exception {
        long start = System.nanoTime();
        assertEquals("ran on " + "test-loop", running.call(() -> "ran on " + Thread.currentThread().getName()));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aReadyDescriptorRunsItsHandlerAndInterestZeroSilencesIt() throws Exception {
        int[] p = pipe();
        AtomicInteger calls = new AtomicInteger();
        EventLoop.Watch watch = running.call(() -> running.loop().watch("pipe", p[0], Posix.POLLIN, r -> {
            calls.incrementAndGet();
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            posix.read(p[0], b);
        }));
        posix.writeFully(p[1], new byte[] {1});
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> calls.get() == 1));
        running.run(() -> watch.interest((short) 0));
        posix.writeFully(p[1], new byte[] {2});
        Thread.sleep(100);
        assertEquals(1, calls.get(), "not polled while its interest is 0");
        running.run(() -> watch.interest(Posix.POLLIN));
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> calls.get() == 2));
    }

    @Test
    void descriptorsReadyTogetherAreServedInTheOrderTheyWereWatched() throws Exception {
        // the ctl fifos rely on it: a resize written with an attach client's connect is applied first
        int[] first = pipe();
        int[] second = pipe();
        List<String> served = new CopyOnWriteArrayList<>();
        posix.writeFully(second[1], new byte[] {2});
        posix.writeFully(first[1], new byte[] {1});
        running.run(() -> {
            running.loop().watch("first", first[0], Posix.POLLIN, r -> {
                served.add("first");
                posix.read(first[0], ByteBuffer.allocateDirect(16));
            });
            running.loop().watch("second", second[0], Posix.POLLIN, r -> {
                served.add("second");
                posix.read(second[0], ByteBuffer.allocateDirect(16));
            });
        });
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> served.size() == 2));
        assertEquals(List.of("first", "second"), served);
    }

    @Test
    void timersRunInTheirOrderAndACancelledOneNever() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        running.run(() -> {
            running.loop().after("late", 60, () -> ran.add("late"));
            running.loop().after("early", 20, () -> ran.add("early"));
            running.loop().after("cancelled", 40, () -> ran.add("cancelled")).cancel();
        });
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> ran.size() == 2));
        Thread.sleep(100);
        assertEquals(List.of("early", "late"), ran);
    }

    @Test
    void aHandlerThatThrowsIsDroppedAndReportedWhileTheOthersGoOn() throws Exception {
        int[] bad = pipe();
        int[] good = pipe();
        AtomicInteger goodCalls = new AtomicInteger();
        running.run(() -> {
            running.loop().watch("bad", bad[0], Posix.POLLIN, r -> {
                throw new IllegalStateException("broken handler");
            });
            running.loop().watch("good", good[0], Posix.POLLIN, r -> {
                posix.read(good[0], ByteBuffer.allocateDirect(16));
                goodCalls.incrementAndGet();
            });
        });
        posix.writeFully(bad[1], new byte[] {1});
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> !running.failures().isEmpty()));
        assertEquals(List.of("bad: java.lang.IllegalStateException: broken handler"), running.failures());
        posix.writeFully(good[1], new byte[] {1});
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> goodCalls.get() == 1));
        assertEquals(1, running.failures().size(), "the failed watch is not called again");
    }

    @Test
    void runUntilReturnsOnceItsConditionHolds() throws Exception {
        EventLoop loop = new EventLoop(posix, (s, f) -> { });
        boolean[] done = new boolean[1];
        loop.after("finish", 10, () -> done[0] = true);
        loop.runUntil(() -> done[0]);
        assertTrue(done[0]);
        loop.close();
    }
}
