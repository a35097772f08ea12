package io.conmonj.sidecar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.diag.Threads;
import io.conmonj.io.OutputCounters;
import io.conmonj.log.LogCounters;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.vertx.EpollVertx;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

/**
 * The optional HTTP/1.1 endpoint on a unix socket ({@code --http-socket}, or {@code DIR/<cid>.sock} from
 * {@link EndpointConfig}): {@code /livez} (200 while this monitor lives, whatever the container's state),
 * {@code /health} (the container: 200 created/running, 503 exited), {@code /exit} and {@code /metrics}. The socket is bound under a temporary name, given its mode and
 * renamed into place, so it never exists with the wrong permissions; it is removed at exit. The
 * server runs on a Vert.x event loop of its own, never the one that carries the container's output,
 * and reads the monitor's counters, which are safe to read from any thread.
 */
public final class HttpEndpoint implements RunningEndpoint {
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /** A connection that sends nothing for this long is closed: silent clients and idle keep-alives. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final Posix posix;
    private final Path path;
    private final ContainerState state;
    private final Duration idleTimeout;
    private volatile MonitorMetrics metrics;

    private HttpEndpoint(Posix posix, Path path, ContainerState state, Duration idleTimeout) {
        this.posix = posix;
        this.path = path;
        this.state = state;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Starts serving at where on a thread of its own, so the container's I/O never waits for the HTTP
     * stack to load. A failure is reported (an error when the caller asked for the socket, a warning
     * for a socket directory from the environment or config file); the container goes on without it.
     */
    public static HttpEndpoint startInBackground(Posix posix, EndpointConfig.Endpoint where, ContainerState state,
                                                 OutputCounters output, LogCounters log) {
        return startInBackground(posix, where, state, output, log, IDLE_TIMEOUT);
    }

    static HttpEndpoint startInBackground(Posix posix, EndpointConfig.Endpoint where, ContainerState state,
                                          OutputCounters output, LogCounters log, Duration idleTimeout) {
        HttpEndpoint endpoint = new HttpEndpoint(posix, where.path(), state, idleTimeout);
        Threads.start("conmonj-http-start", () -> {
            try {
                endpoint.metrics = new MonitorMetrics(state, output, log);
                endpoint.serve(where);
            } catch (FatalError e) {
                where.reportFailure(e.message());
            }
        }, failure -> { });
        return endpoint;
    }

    private void serve(EndpointConfig.Endpoint where) {
        String socketPath = where.path().toString();
        Path directory = where.path().toAbsolutePath().getParent();
        if (!where.required() && socketPath.getBytes(StandardCharsets.UTF_8).length > EndpointConfig.MAX_SOCKET_PATH) {
            throw FatalError.of("Failed to serve HTTP on " + socketPath + ": the path is longer than "
                    + EndpointConfig.MAX_SOCKET_PATH + " bytes");
        }
        String temporaryName = "." + where.path().getFileName() + "." + ProcessHandle.current().pid();
        Path temporary = where.path().resolveSibling(temporaryName);
        int dirFd = -1;
        try {
            if (!where.required()) {
                // a socket directory shared by every monitor: made on first use (0755: the sockets carry the access)
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            Vertx vertx = EpollVertx.create(new VertxOptions().setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            vertx.exceptionHandler(failure -> Diagnostics.error("HTTP endpoint: " + failure));
            // bound through /proc/self/fd/N so a long directory still fits the socket address
            dirFd = posix.open(directory.toString(), Posix.O_PATH | Posix.O_DIRECTORY | Posix.O_CLOEXEC, 0);
            String viaFd = "/proc/self/fd/" + dirFd + "/" + temporaryName;
            posix.unlink(viaFd);
            // requests are a line and a few headers: small limits, answered 414 and 431
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(1024)
                    .setMaxHeaderSize(8192).setIdleTimeout((int) idleTimeout.toMillis())
                    .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
            server.requestHandler(this::handle);
            server.listen(SocketAddress.domainSocketAddress(viaFd))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            posix.chmod(viaFd, where.mode());
            if (where.group() != null) {
                Files.getFileAttributeView(temporary, PosixFileAttributeView.class).setGroup(where.group());
            }
            Files.move(temporary, where.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            unlinkQuietly(posix, temporary.toString());
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (!(cause instanceof OsException)) {
                java.io.StringWriter trace = new java.io.StringWriter();
                cause.printStackTrace(new java.io.PrintWriter(trace));
                Diagnostics.debug("HTTP endpoint: " + trace);
            }
            String message = cause instanceof OsException os ? os.strerror()
                    : cause.getMessage() != null ? cause.getMessage() : cause.toString();
            throw FatalError.of("Failed to serve HTTP on " + socketPath + ": " + message);
        } finally {
            if (dirFd >= 0) {
                posix.close(dirFd);
            }
        }
    }

    private static void unlinkQuietly(Posix posix, String path) {
        try {
            posix.unlink(path);
        } catch (OsException e) {
            // the directory itself may be missing
        }
    }

    /** Removes the socket file (at the monitor's exit). */
    @Override
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
            case "/livez" -> json(request, 200, new JsonObject().put("status", "alive")
                    .put("monitor_pid", ProcessHandle.current().pid()));
            case "/health" -> health(request);
            case "/exit" -> exit(request);
            case "/metrics" -> request.response().setStatusCode(200).putHeader("Content-Type", PROMETHEUS)
                    .end(metrics.scrape());
            default -> json(request, 404, new JsonObject().put("error", "not found")
                    .put("endpoints", new io.vertx.core.json.JsonArray().add("/livez").add("/health").add("/exit").add("/metrics")));
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
        ContainerState.Exit exit = state.exit();
        if (exit != null) {
            body.put("exit_code", exit.code()).put("oom_killed", exit.oomKilled());
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
