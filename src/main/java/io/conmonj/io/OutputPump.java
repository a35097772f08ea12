package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.log.ContainerLog;
import io.conmonj.os.Posix;

/**
 * Reads the container's stdout and stderr pipes and hands every chunk (at most 8192 bytes, as
 * conmon reads) to the log. One thread, one poll loop: the single owner of the log writer.
 * At container exit {@link #drainAndStop()} reads what is left in the pipes without waiting for
 * other holders of their write ends (spec §12.1 step 2).
 */
public final class OutputPump {
    public static final int CHUNK = 8192;

    /** A readable container stream. */
    public record Source(int fd, StreamType stream) {
    }

    private final Posix posix;
    private final List<Source> sources;
    private final ContainerLog log;
    private final int[] wake;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    private final Thread thread;

    public OutputPump(Posix posix, List<Source> sources, ContainerLog log) {
        this.posix = posix;
        this.sources = new ArrayList<>(sources);
        this.log = log;
        this.wake = posix.pipe();
        for (Source s : sources) {
            posix.setNonBlocking(s.fd(), true);
        }
        this.thread = new Thread(this::loop, "conmonj-output");
    }

    public void start() {
        thread.start();
    }

    /** Reads what remains in the pipes, then returns once the pump thread has ended. */
    public void drainAndStop() throws InterruptedException {
        posix.writeFully(wake[1], new byte[] {1});
        thread.join();
        posix.close(wake[0]);
        posix.close(wake[1]);
    }

    private void loop() {
        List<Source> open = new ArrayList<>(sources);
        while (true) {
            int[] fds = new int[open.size() + 1];
            short[] events = new short[fds.length];
            for (int i = 0; i < open.size(); i++) {
                fds[i] = open.get(i).fd();
                events[i] = Posix.POLLIN;
            }
            fds[open.size()] = wake[0];
            events[open.size()] = Posix.POLLIN;
            short[] revents = posix.poll(fds, events, -1);
            if (revents.length == 0) {
                continue;
            }
            List<Source> ended = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                if (revents[i] != 0 && readChunk(open.get(i)) == 0) {
                    ended.add(open.get(i));
                }
            }
            for (Source s : ended) {
                open.remove(s);
                posix.close(s.fd());
            }
            if (revents[open.size() + ended.size()] != 0) {
                for (Source s : open) {
                    while (readChunk(s) > 0) {
                        // drain until EAGAIN or EOF
                    }
                    posix.close(s.fd());
                }
                return;
            }
        }
    }

    /** One read: bytes read (logged), 0 at EOF or error, -1 when nothing is there now. */
    private int readChunk(Source source) {
        buffer.clear();
        int n;
        try {
            n = posix.read(source.fd(), buffer);
        } catch (RuntimeException e) {
            return 0;
        }
        if (n > 0) {
            buffer.flip();
            log.write(source.stream(), buffer);
        }
        return n;
    }
}
