package io.conmonj.io;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The one Vert.x event-loop context that owns the container's I/O state (log writers, attach
 * clients): the threads that read raw fds hand their buffers to it, so state changes happen in one
 * place, in order, without locks. It is created before the application boots (the container may
 * print as soon as the caller has its pid), hence a small Vert.x instance of its own.
 */
public final class IoContext {
    private final Vertx vertx;
    private final Context context;

    private IoContext(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Starts building the context on another thread, so its class loading overlaps the runtime's work.
     * With serveHttp, Vert.x gets a second event loop for the HTTP endpoint and the native transport
     * (unix domain sockets need it).
     */
    public static CompletableFuture<IoContext> startInBackground(boolean serveHttp) {
        CompletableFuture<IoContext> ready = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                ready.complete(new IoContext(Vertx.vertx(new VertxOptions()
                        .setPreferNativeTransport(serveHttp)
                        .setEventLoopPoolSize(serveHttp ? 2 : 1)
                        .setWorkerPoolSize(1)
                        .setInternalBlockingPoolSize(1)
                        // log writes to a slow disk are expected to take a while; that is not a bug to report
                        .setBlockedThreadCheckInterval(1)
                        .setBlockedThreadCheckIntervalUnit(TimeUnit.HOURS))));
            } catch (Throwable e) {
                ready.completeExceptionally(e);
            }
        }, "conmonj-io-start");
        starter.setDaemon(true);
        starter.start();
        return ready;
    }

    /** Runs task on the owning context, after every task submitted before it. */
    public void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Completes once every task submitted before this call has run. */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> done.complete(null));
        return done;
    }

    public Vertx vertx() {
        return vertx;
    }
}
