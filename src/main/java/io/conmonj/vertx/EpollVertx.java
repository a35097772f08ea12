package io.conmonj.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.impl.transports.EpollTransport;
import io.vertx.core.spi.transport.Transport;

/**
 * Vert.x on Netty's epoll transport, the one that serves and reaches unix domain sockets (the JDK
 * transport Vert.x 4 falls back to has none). Given explicitly: Quarkus's native build substitutes
 * Vert.x's own choice of a native transport with the JDK's, so asking Vert.x to prefer it is not enough.
 */
public final class EpollVertx {
    private EpollVertx() {
    }

    /** A Vert.x with options on epoll; fails with the reason when epoll is not available. */
    public static Vertx create(VertxOptions options) {
        Transport epoll = new EpollTransport();
        if (!epoll.isAvailable()) {
            throw new IllegalStateException("Netty's epoll transport is not available: " + epoll.unavailabilityCause());
        }
        return new VertxBuilder(options).findTransport(epoll).init().vertx();
    }
}
