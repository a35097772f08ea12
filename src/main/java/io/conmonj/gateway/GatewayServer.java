package io.conmonj.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.conmonj.gateway.scrape.ScrapeBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The gateway's HTTP server (HTTPS with a certificate): {@code /metrics}, {@code /containers},
 * {@code /livez}, {@code /readyz}. Only GET and HEAD; anything else, an unknown path or a bad
 * scrape-timeout header gets a 4xx. A failure inside one request ends in a 500 for that request only.
 */
public final class GatewayServer {
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final Gateway gateway;

    private GatewayServer(Gateway gateway) {
        this.gateway = gateway;
    }

    public static Future<HttpServer> start(Vertx vertx, Gateway gateway, ListenAddress listen, Path tlsCert, Path tlsKey) {
        HttpServerOptions options = new HttpServerOptions().setHost(listen.host()).setPort(listen.port())
                .setIdleTimeout(120).setMaxInitialLineLength(4096).setMaxHeaderSize(8192).setCompressionSupported(true);
        if (tlsCert != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tlsCert.toString())
                    .setKeyPath(tlsKey.toString()));
        }
        GatewayServer server = new GatewayServer(gateway);
        return vertx.createHttpServer(options).requestHandler(server::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        try {
            route(request);
        } catch (RuntimeException e) {
            text(request, 500, "internal error: " + e + "\n");
        }
    }

    private void route(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().putHeader("Allow", "GET, HEAD");
            text(request, 405, "method not allowed\n");
            return;
        }
        switch (request.path()) {
            case "/metrics" -> metrics(request);
            case "/containers" -> containers(request);
            case "/livez" -> text(request, 200, "ok\n");
            case "/readyz" -> {
                String problem = gateway.notReady();
                text(request, problem == null ? 200 : 503, problem == null ? "ok\n" : problem + "\n");
            }
            case "/" -> text(request, 200, "conmonj gateway: /metrics /containers /livez /readyz\n");
            default -> text(request, 404, "not found: /metrics /containers /livez /readyz\n");
        }
    }

    private Duration budget(HttpServerRequest request) {
        try {
            return gateway.budget().forHeader(request.getHeader(ScrapeBudget.HEADER));
        } catch (ScrapeBudget.BadHeaderException e) {
            text(request, 400, e.getMessage() + "\n");
            return null;
        }
    }

    private void metrics(HttpServerRequest request) {
        Duration budget = budget(request);
        if (budget == null) {
            return;
        }
        gateway.metrics(budget).onComplete(result -> {
            if (result.failed()) {
                text(request, 500, "scrape failed: " + result.cause() + "\n");
            } else {
                request.response().setStatusCode(200).putHeader("Content-Type", PROMETHEUS).end(result.result());
            }
        });
    }

    private void containers(HttpServerRequest request) {
        Duration budget = budget(request);
        if (budget == null) {
            return;
        }
        gateway.containers(budget).onComplete(result -> {
            if (result.failed()) {
                text(request, 500, "failed: " + result.cause() + "\n");
            } else {
                JsonArray list = result.result();
                request.response().setStatusCode(200).putHeader("Content-Type", JSON).end(list.encode() + "\n");
            }
        });
    }

    private static void text(HttpServerRequest request, int status, String body) {
        if (request.response().ended()) {
            return;
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body, StandardCharsets.UTF_8.name());
    }

}
