package io.conmonj.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.conmonj.loop.EventLoop;
import io.conmonj.os.Posix;

/** An {@link EventLoop} running on a thread of its own for a test; what it reports as failed is kept. */
public final class RunningLoop implements AutoCloseable {
    private final EventLoop loop;
    private final Thread thread;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;

    public RunningLoop(Posix posix) {
        loop = new EventLoop(posix, (source, failure) -> failures.add(source + ": " + failure));
        thread = new Thread(() -> loop.runUntil(() -> stopped), "test-loop");
        thread.start();
    }

    public EventLoop loop() {
        return loop;
    }

    /** Runs task on the loop thread and returns its result. */
    public <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Runs task on the loop thread and waits for it. */
    public void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** What the loop's handlers, timers and tasks threw, as "source: exception". */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        loop.execute(() -> { });
        thread.join(5000);
        loop.close();
    }
}
