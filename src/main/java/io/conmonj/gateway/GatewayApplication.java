package io.conmonj.gateway;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.core.runtime.VertxCoreRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import picocli.CommandLine;

/**
 * {@code conmonj gateway} as a Quarkus application: its options (picocli, with defaults from Quarkus's
 * configuration), Quarkus's managed Vert.x for the HTTP server and the unix-socket clients, a long-lived
 * process that ends on SIGTERM or SIGINT. Not a CDI bean (application.properties excludes it), so a monitor's
 * boot never loads it: Quarkus makes it by its constructor.
 */
@RegisterForReflection
public class GatewayApplication implements QuarkusApplication {
    /** Quarkus's managed Vert.x (the bean, or the recorder's instance when no bean asks for it). */
    private static Vertx managedVertx() {
        var bean = Arc.container().instance(Vertx.class);
        return bean.isAvailable() ? bean.get() : VertxCoreRecorder.getVertx().get();
    }

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
        Vertx managed = managedVertx();
        Gateway gateway;
        HttpServer server;
        try {
            gateway = Gateway.start(managed, options);
            server = GatewayServer.start(managed, gateway, options.listen, options.tlsCert, options.tlsKey)
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
        return 0;
    }
}
