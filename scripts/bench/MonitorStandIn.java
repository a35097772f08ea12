import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;

/**
 * A lighter stand-in for many monitors in the gateway benchmark: one process serving N unix sockets
 * (DIR/standin-I.sock) with HTTP/1.1 as a monitor's endpoint does (Vert.x, epoll), each answering /metrics
 * with a real monitor's exposition (TEMPLATE, its container id replaced by the socket's id) and /health.
 * Run with conmonj's jar on the class path:
 *   java -cp target/conmonj-*-runner.jar scripts/bench/MonitorStandIn.java DIR N TEMPLATE CONTAINER_ID
 */
public class MonitorStandIn {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String template = Files.readString(Path.of(args[2]));
        String templateId = args[3];
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("no native transport: " + vertx.unavailableNativeTransportCause());
        }
        CountDownLatch bound = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            String id = "standin-" + i;
            String metrics = template.replace(templateId, id);
            String health = "{\"status\":\"running\",\"container_id\":\"" + id + "\",\"container_name\":\"" + id + "\",\"pid\":1}\n";
            Path socket = dir.resolve(id + ".sock");
            Files.deleteIfExists(socket);
            vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(60)).requestHandler(r -> {
                switch (r.path()) {
                    case "/metrics" -> r.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics);
                    case "/health" -> r.response().putHeader("Content-Type", "application/json").end(health);
                    default -> r.response().setStatusCode(404).end();
                }
            }).listen(SocketAddress.domainSocketAddress(socket.toString())).onComplete(ar -> {
                if (ar.failed()) {
                    ar.cause().printStackTrace();
                    System.exit(1);
                }
                bound.countDown();
            });
        }
        bound.await();
        System.out.println("serving " + count);
        Thread.currentThread().join();
    }
}
