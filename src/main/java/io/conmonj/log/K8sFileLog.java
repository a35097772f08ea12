package io.conmonj.log;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import io.conmonj.diag.Diagnostics;
import io.conmonj.os.IoErrors;
import io.conmonj.os.Posix;
import io.conmonj.stream.StreamType;

/**
 * The k8s-file (CRI) log of docs/behaviour.md §11.3–11.4. One timestamp per chunk; the chunk is split at '\n'
 * into {@code F} records and a trailing {@code P} record; all records of a chunk go out in one write.
 * With {@code --log-size-max} the file is replaced by a new empty one before a record would
 * overflow it. Write failures (full disk, ...) never stop the container: they are reported once
 * and the lost bytes are counted.
 */
public final class K8sFileLog implements ContainerLog {
    /** timestamp, space, stream, space, tag, space */
    static final int RECORD_OVERHEAD = K8sTimestamp.LENGTH + 1 + 6 + 1 + 1 + 1;
    private static final FileAttribute<Set<PosixFilePermission>> MODE_0640 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));

    private final Path path;
    private final long sizeMax;
    private final long globalSizeMax;
    private final boolean syncAtExit;
    private final LogRotation rotation;
    private final LogCounters counters;
    private final Clock clock;
    private final K8sTimestamp timestamp;
    /** conmon reads at most 8192 bytes at a time; larger chunks are formatted in pieces of this size */
    private static final int PIECE = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private final byte[] in = new byte[PIECE];
    private final byte[] fullHeader = new byte[RECORD_OVERHEAD];
    private final byte[] partialHeader = new byte[RECORD_OVERHEAD];
    private final byte[] out;
    private final ByteBuffer outBuffer;
    private FileChannel channel;
    private long fileBytes;
    private long globalBytes;
    private long lostBytes;
    private boolean failureReported;
    private boolean reopenFailureReported;

    /** rotation is null in truncate mode (no --log-rotate). */
    public K8sFileLog(String path, long sizeMax, long globalSizeMax, boolean syncAtExit, LogRotation rotation,
                      LogCounters counters) throws IOException {
        this(path, sizeMax, globalSizeMax, syncAtExit, rotation, counters, Clock.systemUTC(), ZoneId.systemDefault());
    }

    K8sFileLog(String path, long sizeMax, long globalSizeMax, boolean syncAtExit, LogRotation rotation,
               LogCounters counters, Clock clock, ZoneId zone) throws IOException {
        this.rotation = rotation;
        this.counters = counters;
        this.path = Path.of(path);
        this.sizeMax = sizeMax;
        this.globalSizeMax = globalSizeMax;
        this.syncAtExit = syncAtExit;
        this.clock = clock;
        this.timestamp = new K8sTimestamp(zone);
        // worst case: every byte of a piece is a newline
        this.out = new byte[PIECE * (RECORD_OVERHEAD + 2)];
        this.outBuffer = ByteBuffer.wrap(out);
        this.channel = openAppend(this.path);
        this.fileBytes = channel.size();
        this.globalBytes = fileBytes;
    }

    /** Creates the log file (mode 0640) if it does not exist, as conmon does during option checks. */
    public static void createIfMissing(Posix posix, String path) {
        posix.close(posix.open(path, Posix.O_WRONLY | Posix.O_APPEND | Posix.O_CREAT | Posix.O_CLOEXEC, 0640));
    }

    private static FileChannel openAppend(Path path) throws IOException {
        return FileChannel.open(path, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE), MODE_0640);
    }

    @Override
    public void write(StreamType stream, ByteBuffer chunk) {
        Instant now = clock.instant();
        for (int off = 0; off < chunk.remaining(); off += PIECE) {
            int len = Math.min(PIECE, chunk.remaining() - off);
            chunk.get(chunk.position() + off, in, 0, len);
            writePiece(stream, len, now);
        }
    }

    /** Formats in[0..len) as records with one timestamp and writes them with one write. */
    private void writePiece(StreamType stream, int len, Instant now) {
        header(stream, now);
        int outLen = 0;
        int start = 0;
        while (start < len) {
            int nl = indexOfNewline(in, start, len);
            boolean partial = nl < 0;
            int end = partial ? len : nl + 1;
            int recordLen = RECORD_OVERHEAD + (end - start) + (partial ? 1 : 0);
            if (globalSizeMax > 0 && globalBytes >= globalSizeMax) {
                break; // conmon's global limit: the record that reaches it is written whole, nothing after it
            }
            if (sizeMax > 0 && fileBytes + outLen + recordLen > sizeMax) {
                flush(outLen);
                outLen = 0;
                reopen();
            }
            System.arraycopy(partial ? partialHeader : fullHeader, 0, out, outLen, RECORD_OVERHEAD);
            System.arraycopy(in, start, out, outLen + RECORD_OVERHEAD, end - start);
            if (partial) {
                out[outLen + RECORD_OVERHEAD + end - start] = '\n';
            }
            outLen += recordLen;
            globalBytes += recordLen;
            start = end;
        }
        flush(outLen);
    }

    /** "TIMESTAMP STREAM F " and "... P " for this chunk. */
    private void header(StreamType stream, Instant now) {
        timestamp.format(now.getEpochSecond(), now.getNano(), fullHeader, 0);
        int p = K8sTimestamp.LENGTH;
        fullHeader[p++] = ' ';
        System.arraycopy(stream.logName(), 0, fullHeader, p, 6);
        p += 6;
        fullHeader[p++] = ' ';
        fullHeader[p++] = 'F';
        fullHeader[p] = ' ';
        System.arraycopy(fullHeader, 0, partialHeader, 0, RECORD_OVERHEAD);
        partialHeader[p - 1] = 'P';
    }

    /** Eight bytes at a time: the monitor's JIT (C1 only) does not vectorize a byte loop. */
    private static int indexOfNewline(byte[] data, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i) ^ NEWLINES;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void flush(int len) {
        if (len == 0) {
            return;
        }
        outBuffer.clear().limit(len);
        try {
            while (outBuffer.hasRemaining()) {
                channel.write(outBuffer);
            }
            fileBytes += len;
        } catch (IOException e) {
            lostBytes += outBuffer.remaining();
            counters.writeErrors.incrementAndGet();
            counters.lostBytes.addAndGet(outBuffer.remaining());
            fileBytes += outBuffer.position();
            if (!failureReported) {
                failureReported = true;
                Diagnostics.warn("failed to flush buffer to log");
            }
        }
    }

    /**
     * A new empty file at the path (ctl message 2, or the size limit): the old one is rotated away
     * with --log-rotate, else replaced (truncate mode of docs/behaviour.md §11.4).
     */
    @Override
    public void reopen() {
        if (rotation != null) {
            FileChannel fresh = rotation.rotate(path, channel);
            if (fresh != null) {
                switchTo(fresh);
                counters.rotations.incrementAndGet();
            }
            return;
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            FileChannel fresh = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), MODE_0640);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            switchTo(fresh);
            counters.truncations.incrementAndGet();
        } catch (IOException e) {
            // e.g. the directory is gone: keep writing to the open file, say so once
            if (!reopenFailureReported) {
                reopenFailureReported = true;
                Diagnostics.warn("Failed to open log file " + path + " " + IoErrors.strerror(e));
            }
        }
    }

    private void switchTo(FileChannel fresh) {
        try {
            channel.close();
        } catch (IOException e) {
            // the old file is done with either way
        }
        channel = fresh;
        fileBytes = 0;
        failureReported = false;
        reopenFailureReported = false;
    }

    @Override
    public void sync() {
        if (lostBytes > 0) {
            Diagnostics.warn("Lost " + lostBytes + " bytes of container output that could not be written to " + path);
        }
        if (!syncAtExit) {
            return;
        }
        try {
            channel.force(true);
        } catch (IOException e) {
            Diagnostics.warn("Failed to sync log file before exit: " + IoErrors.strerror(e));
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            Diagnostics.warn("Failed to close log file " + path + ": " + e.getMessage());
        }
    }
}
