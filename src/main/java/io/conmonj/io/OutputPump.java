package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.conmonj.os.Posix;

/**
 * Reads the container's output (stdout and stderr pipes, or the pty master) and hands each read to
 * the {@link OutputFanOut}, which logs it and splits it into attach messages of at most 8192 bytes
 * (what conmon's 8192-byte reads would have produced). One thread, one poll
 * loop. A small pool of buffers is the back-pressure: when the log falls behind, the pump waits and
 * the container blocks on its pipe, so no byte is dropped. At container exit {@link #drainAndStop()}
 * reads what is left without waiting for other holders of the write ends (spec §12.1 step 2).
 */
public final class OutputPump {
    /** Bytes asked for per read: a busy pipe is emptied in one call (the fan-out splits it for clients). */
    static final int READ_SIZE = 64 * 1024;
    private static final int BUFFERS = 4;
    private static final int BURST = 16;
    /**
     * After reads that found little data, wait this long before polling again, so a chatty
     * container's small writes are collected into one read instead of costing a wake-up each
     * (at most 2 ms of added latency; the enlarged pipe holds 1 MiB meanwhile).
     */
    private static final long COALESCE_MILLIS = 2;
    /** A pty master with no slave open reports HUP continuously; look again after this long (spec §10). */
    private static final long HANGUP_RETRY_NANOS = 100_000_000L;

    /** A readable container stream; a terminal source ends at EIO and may hang up for a while. */
    public record Source(int fd, StreamType stream, boolean terminal) {
        public Source(int fd, StreamType stream) {
            this(fd, stream, false);
        }
    }

    private final Posix posix;
    private final List<Source> sources;
    private final OutputFanOut fanOut;
    private final int[] wake;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread thread;

    public OutputPump(Posix posix, List<Source> sources, OutputFanOut fanOut) {
        this.posix = posix;
        this.sources = new ArrayList<>(sources);
        this.fanOut = fanOut;
        this.wake = posix.pipe();
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(READ_SIZE));
        }
        for (Source s : sources) {
            posix.setNonBlocking(s.fd(), true);
        }
        this.thread = new Thread(this::loop, "conmonj-output");
    }

    public void start() {
        thread.start();
    }

    /** Reads what remains in the sources, then returns once the pump thread has ended. */
    public void drainAndStop() throws InterruptedException {
        posix.writeFully(wake[1], new byte[] {1});
        thread.join();
        posix.close(wake[0]);
        posix.close(wake[1]);
    }

    private void loop() {
        List<Source> open = new ArrayList<>(sources);
        Map<Source, Long> hungUpUntil = new HashMap<>();
        while (true) {
            long now = System.nanoTime();
            hungUpUntil.values().removeIf(until -> until <= now);
            List<Source> polled = new ArrayList<>(open);
            polled.removeAll(hungUpUntil.keySet());
            long timeout = hungUpUntil.values().stream().mapToLong(until -> until - now).min().orElse(-1);
            int[] fds = new int[polled.size() + 1];
            short[] events = new short[fds.length];
            for (int i = 0; i < polled.size(); i++) {
                fds[i] = polled.get(i).fd();
                events[i] = Posix.POLLIN;
            }
            fds[polled.size()] = wake[0];
            events[polled.size()] = Posix.POLLIN;
            short[] revents = posix.poll(fds, events, timeout < 0 ? -1 : (int) (timeout / 1_000_000L) + 1);
            if (revents.length == 0) {
                continue;
            }
            boolean onlySmallReads = true;
            for (int i = 0; i < polled.size(); i++) {
                Source s = polled.get(i);
                if (revents[i] == 0) {
                    continue;
                }
                if (s.terminal() && (revents[i] & Posix.POLLIN) == 0 && (revents[i] & Posix.POLLHUP) != 0) {
                    hungUpUntil.put(s, System.nanoTime() + HANGUP_RETRY_NANOS);
                    continue;
                }
                int read = readBurst(s);
                if (read < 0) {
                    open.remove(s);
                    posix.close(s.fd());
                } else if (read >= READ_SIZE / 2) {
                    onlySmallReads = false;
                }
            }
            if (onlySmallReads && revents[polled.size()] == 0) {
                pause();
            }
            if (revents[polled.size()] != 0) {
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

    /**
     * Up to {@link #BURST} reads while data keeps coming, so a busy stream costs one poll per burst
     * rather than per read. Returns the bytes read, or -1 at EOF.
     */
    private int readBurst(Source source) {
        int total = 0;
        for (int i = 0; i < BURST; i++) {
            int n = readChunk(source);
            if (n == 0) {
                return -1;
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void pause() {
        try {
            Thread.sleep(COALESCE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One read: bytes read (handed on), 0 at EOF or error (EIO on a pty), -1 when nothing is there now. */
    private int readChunk(Source source) {
        ByteBuffer buffer;
        try {
            buffer = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        buffer.clear();
        int n;
        try {
            n = posix.read(source.fd(), buffer);
        } catch (RuntimeException e) {
            n = 0;
        }
        if (n > 0) {
            buffer.flip();
            fanOut.submit(source.stream(), buffer, () -> free.add(buffer));
        } else {
            free.add(buffer);
        }
        return n;
    }
}
