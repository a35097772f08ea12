package io.conmonj.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sockets in a monitor directory that misbehave as a broken monitor could: accept and never answer,
 * answer something that is not the exposition format, answer something that is not HTTP, or be a socket
 * file nobody listens on. Closing stops the servers and removes their files.
 */
public final class BadMonitors implements AutoCloseable {
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<SocketChannel> held = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    /** Accepts every connection and never writes a byte. */
    public BadMonitors hanging(Path socket) throws IOException {
        serve(socket, null);
        return this;
    }

    /** Answers HTTP 200 with a body that is not Prometheus text. */
    public BadMonitors garbageMetrics(Path socket) throws IOException {
        String body = "<html>this is not {metrics</html>\n";
        serve(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        return this;
    }

    /** Answers bytes that are not HTTP at all. */
    public BadMonitors notHttp(Path socket) throws IOException {
        serve(socket, "\u0000\u0001\u0002 SSH-2.0-whatever\r\n\r\n");
        return this;
    }

    /** A socket file left behind by a dead monitor: bound, then closed without unlinking. */
    public BadMonitors refusing(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        server.close();
        files.add(socket);
        return this;
    }

    private void serve(Path socket, String answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        servers.add(server);
        files.add(socket);
        Thread.ofPlatform().daemon().name("bad-monitor-" + socket.getFileName()).start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    if (answer == null) {
                        synchronized (held) {
                            held.add(c);
                        }
                        continue;
                    }
                    c.read(ByteBuffer.allocate(4096));
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.ISO_8859_1)));
                    c.close();
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    @Override
    public void close() throws IOException {
        for (ServerSocketChannel s : servers) {
            s.close();
        }
        synchronized (held) {
            for (SocketChannel c : held) {
                c.close();
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }
}
