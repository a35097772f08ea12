package io.conmonj.log;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.conmonj.diag.Diagnostics;
import io.conmonj.stream.StreamType;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * The journald driver of docs/behaviour.md §11.5, speaking the journal's native protocol on its datagram socket
 * (what libsystemd's sd_journal_sendv does): one entry per line, a partial line buffered per stream
 * up to 8191 bytes, a leading {@code <N>} on a fresh line taken as its priority. Entries too large for
 * a datagram go through a sealed memfd. When no journal listens, the failure is reported once, the
 * lost bytes are counted, and every later entry is tried again.
 */
public final class JournaldLog implements ContainerLog {
    public static final String DEFAULT_SOCKET = "/run/systemd/journal/socket";
    /** Test and diagnostics hook (conmon has none): another journal socket, e.g. a journald namespace's. */
    public static final String SOCKET_ENV = "CONMONJ_JOURNAL_SOCKET";
    static final int LINE_BUFFER = 8191;
    private static final int PIECE = 8192;

    /** The fields every entry of this container carries, besides MESSAGE, PRIORITY and the partial flag. */
    public record Identity(String containerId, String name, String tag, List<String> labels,
                           boolean partialFlag) {
        String shortId() {
            return containerId.substring(0, Math.min(12, containerId.length()));
        }

        String syslogIdentifier() {
            return tag != null ? tag : name != null ? name : shortId();
        }
    }

    /** A stream's line in progress. */
    private static final class Line {
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int priority;
        /** A partial entry of this line was already sent: what follows is not a fresh line. */
        boolean continued;
    }

    private final Posix posix;
    private final String socketPath;
    private final Identity identity;
    private final LogCounters counters;
    private final int socket;
    private final Map<StreamType, Line> lines = new EnumMap<>(StreamType.class);
    private final byte[] piece = new byte[PIECE];
    private long lostBytes;
    private boolean failureReported;

    public JournaldLog(Posix posix, String socketPath, Identity identity, LogCounters counters) {
        this.posix = posix;
        this.counters = counters;
        this.socketPath = socketPath;
        this.identity = identity;
        this.socket = posix.socket(Posix.SOCK_DGRAM);
        for (StreamType s : StreamType.values()) {
            lines.put(s, new Line());
        }
    }

    public static String socketPath() {
        String override = System.getenv(SOCKET_ENV);
        return override != null && !override.isEmpty() ? override : DEFAULT_SOCKET;
    }

    @Override
    public void write(StreamType stream, ByteBuffer chunk) {
        for (int off = 0; off < chunk.remaining(); off += PIECE) {
            int len = Math.min(PIECE, chunk.remaining() - off);
            chunk.get(chunk.position() + off, piece, 0, len);
            writePiece(stream, lines.get(stream), len);
        }
    }

    private void writePiece(StreamType stream, Line line, int len) {
        int start = 0;
        while (start < len) {
            if (line.pending.size() == 0 && !line.continued) {
                line.priority = defaultPriority(stream);
                if (len - start >= 3 && piece[start] == '<' && piece[start + 1] >= '0' && piece[start + 1] <= '7'
                        && piece[start + 2] == '>') {
                    line.priority = piece[start + 1] - '0';
                    start += 3;
                }
            }
            int nl = indexOf(piece, start, len);
            if (nl >= 0) {
                line.pending.write(piece, start, nl + 1 - start);
                send(line, false);
                line.continued = false;
                start = nl + 1;
            } else {
                line.pending.write(piece, start, len - start);
                if (line.pending.size() > LINE_BUFFER) {
                    send(line, true);
                    line.continued = true;
                }
                start = len;
            }
        }
    }

    private static int defaultPriority(StreamType stream) {
        return stream == StreamType.STDOUT ? 6 : 3;
    }

    private static int indexOf(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void send(Line line, boolean partial) {
        byte[] message = line.pending.toByteArray();
        line.pending.reset();
        JournalEntry entry = new JournalEntry()
                .field("MESSAGE", message, 0, message.length)
                .field("CONTAINER_ID_FULL", identity.containerId())
                .field("PRIORITY", Integer.toString(line.priority))
                .field("CONTAINER_ID", identity.shortId());
        if (identity.tag() != null) {
            entry.field("CONTAINER_TAG", identity.tag());
        }
        if (identity.name() != null) {
            entry.field("CONTAINER_NAME", identity.name());
        }
        entry.field("SYSLOG_IDENTIFIER", identity.syslogIdentifier());
        if (partial && identity.partialFlag()) {
            entry.field("CONTAINER_PARTIAL_MESSAGE", "true");
        }
        for (String label : identity.labels()) {
            int eq = label.indexOf('=');
            entry.field(label.substring(0, eq), label.substring(eq + 1));
        }
        deliver(entry.bytes(), message.length);
    }

    /** One entry to the journal: a datagram, or a sealed memfd when it is too large for one. */
    private void deliver(byte[] entry, int messageBytes) {
        int err = posix.sendTo(socket, socketPath, ByteBuffer.wrap(entry));
        if (err == Posix.EMSGSIZE || err == Posix.ENOBUFS) {
            err = deliverThroughMemfd(entry);
        }
        if (err != 0) {
            lostBytes += messageBytes;
            counters.writeErrors.incrementAndGet();
            counters.lostBytes.addAndGet(messageBytes);
            if (!failureReported) {
                failureReported = true;
                Diagnostics.warn("sd_journal_sendv: " + OsException.describe(err));
            }
        } else if (failureReported && lostBytes > 0) {
            failureReported = false;
            Diagnostics.warn("Writing to journald again; " + lostBytes + " bytes of output were lost meanwhile");
        }
    }

    private int deliverThroughMemfd(byte[] entry) {
        int memfd = -1;
        try {
            memfd = posix.memfd("journal-data");
            posix.writeFully(memfd, entry);
            posix.sealAll(memfd);
            return posix.sendFdTo(socket, socketPath, memfd);
        } catch (OsException e) {
            return e.errno();
        } finally {
            if (memfd >= 0) {
                posix.close(memfd);
            }
        }
    }

    /** At exit: lines still in progress go out as partial entries (docs/behaviour.md §12.1 step 2). */
    @Override
    public void sync() {
        List<Line> open = new ArrayList<>();
        for (Line line : lines.values()) {
            if (line.pending.size() > 0) {
                open.add(line);
            }
        }
        for (Line line : open) {
            send(line, true);
            line.continued = true;
        }
    }

    @Override
    public void reopen() {
        // nothing to reopen: every entry is its own datagram
    }

    @Override
    public void close() {
        posix.close(socket);
    }
}
