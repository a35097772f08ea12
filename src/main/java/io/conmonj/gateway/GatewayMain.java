package io.conmonj.gateway;

import io.quarkus.runtime.Quarkus;

/**
 * {@code conmonj gateway ...}: dispatched by the entry point on its first argument, before any of the
 * monitor's option parsing, so a monitor never loads the gateway and the gateway never loads the monitor.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String... args) {
        Quarkus.run(GatewayApplication.class, (status, failure) -> {
            if (failure != null) {
                failure.printStackTrace();
            }
            System.out.flush();
            System.exit(status);
        }, args);
    }
}
