package io.conmonj.gateway;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.conmonj.vertx.EpollVertx;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import picocli.CommandLine;

/**
 * {@code conmonj gateway} as a Quarkus application: its options (picocli, with defaults from Quarkus's
 * configuration), a long-lived process that ends on SIGTERM or SIGINT. Its HTTP server and unix-socket
 * clients run on one Vert.x on the epoll transport ({@link EpollVertx}: Quarkus's managed instance has no
 * unix sockets in the native executable). Not a CDI bean (application.properties excludes it), so a
 * monitor's boot never loads it: Quarkus makes it by its constructor.
 */
@RegisterForReflection
public class GatewayApplication implements QuarkusApplication {
    @Override
    public int run(String... args) throws Exception {
        GatewayOptions options = new GatewayOptions();
        CommandLine commandLine = new CommandLine(options)
                .setDefaultValueProvider(new GatewayOptions.ConfigDefaults(ConfigProvider.getConfig()));
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            commandLine.parseArgs(args);
            if (options.help) {
                commandLine.usage(System.out);
                return 0;
            }
            options.validate(commandLine);
        } catch (CommandLine.ParameterException e) {
            err.println("conmonj gateway: " + e.getMessage());
            commandLine.usage(err);
            return 2;
        }
        Gateway gateway;
        HttpServer server;
        Vertx vertx;
        try {
            // two event loops: the scrapes and the server's answers, on a node's spare cores
            vertx = EpollVertx.create(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                    .setInternalBlockingPoolSize(2));
            gateway = Gateway.start(vertx, options);
            server = GatewayServer.start(vertx, gateway, options.listen, options.tlsCert, options.tlsKey)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("conmonj gateway: cannot serve on " + options.listen + ": " + cause.getMessage());
            return 1;
        }
        err.println("conmonj gateway: serving " + (options.tlsCert != null ? "https" : "http") + "://" + options.listen.host()
                + ":" + server.actualPort() + " for the monitors in " + options.socketDir
                + (gateway.notReady() != null ? " (" + gateway.notReady() + ")" : ""));
        // the boot's garbage is gone for good: a small heap for the long run
        System.gc();
        Quarkus.waitForExit();
        server.close();
        gateway.close();
        vertx.close();
        return 0;
    }
}
