package io.conmonj.gateway.scrape;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import io.conmonj.gateway.discovery.SocketDirectory.Target;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches one path from many monitors over their unix sockets, in parallel but at most
 * {@code maxConcurrent} at once, each within its own timeout and all within the scrape's budget. Whatever
 * a monitor does (vanish, refuse, hang, trickle, send garbage or too much), it only loses its own place in
 * this scrape. Runs on one Vert.x context; the connections are kept alive between scrapes.
 */
public final class Scraper {
    private final Vertx vertx;
    private final HttpClient client;
    private final Duration targetTimeout;
    private final int maxConcurrent;
    private final int maxBodyBytes;

    public Scraper(Vertx vertx, Duration targetTimeout, int maxConcurrent, int maxBodyBytes) {
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("unix sockets need Vert.x's native transport: "
                    + vertx.unavailableNativeTransportCause());
        }
        this.vertx = vertx;
        this.targetTimeout = targetTimeout;
        this.maxConcurrent = maxConcurrent;
        this.maxBodyBytes = maxBodyBytes;
        // one idle connection per monitor at most, closed before the monitor's own 60 s idle timeout
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
                .setMaxInitialLineLength(4096).setMaxHeaderSize(16384).setDecompressionSupported(false)
                .setShared(false), new PoolOptions().setHttp1MaxSize(1).setMaxWaitQueueSize(4));
    }

    /** GET path from every target; the list is in the targets' order and complete by the budget's end. */
    public Future<List<Fetch>> fetchAll(List<Target> targets, String path, Duration budget, IntPredicate accepted) {
        Context context = vertx.getOrCreateContext();
        Promise<List<Fetch>> promise = Promise.promise();
        context.runOnContext(v -> new Run(targets, path, accepted, System.nanoTime() + budget.toNanos(), promise).begin());
        return promise.future();
    }

    public void close() {
        client.close();
    }

    /** One scrape: a queue of targets, at most maxConcurrent in flight, a deadline. Touched only on its context. */
    private final class Run {
        private final List<Target> targets;
        private final String path;
        private final IntPredicate accepted;
        private final long deadline;
        private final Promise<List<Fetch>> promise;
        private final Fetch[] results;
        private int next;
        private int inFlight;
        private int done;
        private long deadlineTimer = -1;
        private final long begun = System.nanoTime();

        Run(List<Target> targets, String path, IntPredicate accepted, long deadline, Promise<List<Fetch>> promise) {
            this.targets = targets;
            this.path = path;
            this.accepted = accepted;
            this.deadline = deadline;
            this.promise = promise;
            this.results = new Fetch[targets.size()];
        }

        void begin() {
            if (targets.isEmpty()) {
                promise.complete(List.of());
                return;
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            deadlineTimer = vertx.setTimer(left + 50, id -> finishAtDeadline());
            fill();
        }

        private void fill() {
            while (inFlight < maxConcurrent && next < targets.size() && !promise.future().isComplete()) {
                int index = next++;
                long now = System.nanoTime();
                if (deadline - now < 5_000_000) {
                    record(index, new Fetch(targets.get(index), 0, null, Fetch.Failure.BUDGET, "budget spent", 0));
                    continue;
                }
                inFlight++;
                fetch(index, ScrapeBudget.perTarget(targetTimeout, deadline, now));
            }
        }

        private void fetch(int index, Duration timeout) {
            Target target = targets.get(index);
            long start = System.nanoTime();
            long millis = Math.max(1, timeout.toMillis());
            Attempt attempt = new Attempt(index, target, start);
            attempt.timer = vertx.setTimer(millis, id -> attempt.fail(Fetch.Failure.TIMEOUT, "no answer in " + millis + " ms"));
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                    .setServer(SocketAddress.domainSocketAddress(target.socket().toString()))
                    .setHost("localhost").setPort(80).setURI(path).setConnectTimeout(millis).setIdleTimeout(millis);
            client.request(options).onComplete(requested -> {
                if (requested.failed()) {
                    attempt.failWith(requested.cause());
                    return;
                }
                HttpClientRequest request = requested.result();
                attempt.request = request;
                if (attempt.finished) {
                    request.reset();
                    return;
                }
                request.exceptionHandler(attempt::failWith);
                request.send().onComplete(sent -> {
                    if (sent.failed()) {
                        attempt.failWith(sent.cause());
                    } else {
                        attempt.receive(sent.result());
                    }
                });
            });
        }

        /** One monitor's request; completes exactly once. */
        private final class Attempt {
            final int index;
            final Target target;
            final long start;
            long timer;
            HttpClientRequest request;
            boolean finished;
            Buffer body;

            Attempt(int index, Target target, long start) {
                this.index = index;
                this.target = target;
                this.start = start;
            }

            void receive(HttpClientResponse response) {
                if (finished) {
                    return;
                }
                int status = response.statusCode();
                if (!accepted.test(status)) {
                    fail(Fetch.Failure.STATUS, "HTTP " + status);
                    return;
                }
                body = Buffer.buffer();
                response.exceptionHandler(this::failWith);
                response.handler(chunk -> {
                    if (finished) {
                        return;
                    }
                    if (body.length() + chunk.length() > maxBodyBytes) {
                        fail(Fetch.Failure.TOO_LARGE, "more than " + maxBodyBytes + " bytes");
                    } else {
                        body.appendBuffer(chunk);
                    }
                });
                response.endHandler(v -> succeed(status));
            }

            void succeed(int status) {
                if (finished) {
                    return;
                }
                complete(new Fetch(target, status, body.toString(StandardCharsets.UTF_8), null, null,
                        System.nanoTime() - start));
            }

            void failWith(Throwable cause) {
                if (finished) {
                    return;
                }
                fail(classify(cause), String.valueOf(cause.getMessage()));
            }

            Fetch.Failure classify(Throwable cause) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("no such file") || !Files.exists(target.socket())) {
                    return Fetch.Failure.VANISHED;
                }
                if (cause instanceof ConnectException || message.contains("connection refused")) {
                    return Fetch.Failure.REFUSED;
                }
                if (message.contains("timeout") || message.contains("timed out")) {
                    return Fetch.Failure.TIMEOUT;
                }
                if (cause instanceof io.netty.handler.codec.DecoderException || message.contains("invalid")
                        || message.contains("decod") || message.contains("http")) {
                    return Fetch.Failure.GARBAGE;
                }
                return Fetch.Failure.ERROR;
            }

            void fail(Fetch.Failure failure, String detail) {
                if (finished) {
                    return;
                }
                // recorded first: resetting the request reports a "stream reset" of its own
                complete(new Fetch(target, 0, null, failure, detail, System.nanoTime() - start));
                if (request != null) {
                    request.reset();
                }
            }

            private void complete(Fetch fetch) {
                finished = true;
                vertx.cancelTimer(timer);
                inFlight--;
                record(index, fetch);
                fill();
            }
        }

        private void record(int index, Fetch fetch) {
            if (results[index] != null) {
                return;
            }
            results[index] = fetch;
            done++;
            if (done == results.length && !promise.future().isComplete()) {
                vertx.cancelTimer(deadlineTimer);
                promise.complete(List.of(results));
            }
        }

        /** The budget is over: whatever has not answered is left out. */
        private void finishAtDeadline() {
            if (promise.future().isComplete()) {
                return;
            }
            List<Fetch> list = new ArrayList<>(results.length);
            for (int i = 0; i < results.length; i++) {
                list.add(results[i] != null ? results[i]
                        : new Fetch(targets.get(i), 0, null, i < next ? Fetch.Failure.TIMEOUT : Fetch.Failure.BUDGET,
                        "the scrape's budget ended", System.nanoTime() - begun));
            }
            promise.complete(list);
        }
    }
}
