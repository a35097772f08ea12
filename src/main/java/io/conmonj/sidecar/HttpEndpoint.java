package io.conmonj.sidecar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.Threads;
import io.conmonj.io.OutputCounters;
import io.conmonj.log.LogCounters;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

/**
 * The optional HTTP/1.1 endpoint on a unix socket ({@code --http-socket}): {@code /health},
 * {@code /exit} and {@code /metrics}. The socket is bound under a temporary name, given its mode and
 * renamed into place, so it never exists with the wrong permissions; it is removed at exit. The
 * server runs on its own event loop, never the one that carries the container's output.
 */
public final class HttpEndpoint {
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Posix posix;
    private final Path path;
    private final ContainerState state;
    private MonitorMetrics metrics;

    private HttpEndpoint(Posix posix, Path path, ContainerState state) {
        this.posix = posix;
        this.path = path;
        this.state = state;
    }

    /**
     * Starts serving at socketPath on a thread of its own, so the container's I/O never waits for the
     * HTTP stack to load; a failure is reported and the container goes on without the endpoint.
     */
    public static HttpEndpoint startInBackground(Posix posix, String socketPath, int mode, ContainerState state,
                                                 OutputCounters output, LogCounters log) {
        HttpEndpoint endpoint = new HttpEndpoint(posix, Path.of(socketPath), state);
        Threads.start("conmonj-http-start", () -> endpoint.serve(mode, output, log), failure -> { });
        return endpoint;
    }

    private void serve(int mode, OutputCounters output, LogCounters log) {
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid());
        try {
            metrics = new MonitorMetrics(state, output, log);
            Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            vertx.exceptionHandler(failure -> Diagnostics.error("HTTP endpoint: " + failure));
            posix.unlink(temporary.toString());
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(60)
                    .setIdleTimeoutUnit(TimeUnit.SECONDS));
            server.requestHandler(this::handle);
            server.listen(SocketAddress.domainSocketAddress(temporary.toString()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            posix.chmod(temporary.toString(), mode);
            java.nio.file.Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            posix.unlink(temporary.toString());
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            Diagnostics.error("Failed to serve HTTP on " + path + ": " + cause.getMessage());
        }
    }

    /** Removes the socket file (at the monitor's exit). */
    public void remove() {
        try {
            posix.unlink(path.toString());
        } catch (OsException e) {
            // nothing left to do about it at exit
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD");
            json(request, 405, new JsonObject().put("error", "method not allowed"));
            return;
        }
        switch (request.path()) {
            case "/health" -> health(request);
            case "/exit" -> exit(request);
            case "/metrics" -> request.response().setStatusCode(200).putHeader("Content-Type", PROMETHEUS)
                    .end(metrics.scrape());
            default -> json(request, 404, new JsonObject().put("error", "not found")
                    .put("endpoints", new io.vertx.core.json.JsonArray().add("/health").add("/exit").add("/metrics")));
        }
    }

    private void health(HttpServerRequest request) {
        String status = state.status();
        JsonObject body = new JsonObject().put("status", status).put("monitor_pid", ProcessHandle.current().pid())
                .put("container_id", state.containerId()).put("container_name", state.name());
        if (state.pid() > 0) {
            body.put("pid", state.pid());
        }
        Instant started = state.startedAt();
        if (started != null) {
            Instant end = state.exit() != null ? state.exit().at() : Instant.now();
            body.put("uptime_seconds", Duration.between(started, end).toMillis() / 1000.0);
        }
        json(request, status.equals("exited") ? 503 : 200, body);
    }

    private void exit(HttpServerRequest request) {
        ContainerState.Exit exit = state.exit();
        if (exit == null) {
            json(request, 404, new JsonObject().put("error", "the container has not exited").put("status", state.status()));
            return;
        }
        JsonObject body = new JsonObject().put("exit_code", exit.code())
                .put("signal", exit.signal() == 0 ? null : exit.signal())
                .put("exited_at", exit.at().toString()).put("oom_killed", exit.oomKilled())
                .put("timed_out", exit.timedOut());
        json(request, 200, body);
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", JSON)
                .end(body.encode() + "\n", StandardCharsets.UTF_8.name());
    }
}
