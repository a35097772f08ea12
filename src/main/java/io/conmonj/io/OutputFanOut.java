package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.conmonj.attach.AttachFrame;
import io.conmonj.diag.Diagnostics;
import io.conmonj.log.ContainerLog;

/**
 * The owner of everything the container's output goes to: the log first, then every attach client
 * (spec §8.3). All its state is touched only on the {@link IoContext}; readers submit chunks, ctl
 * requests and client arrivals as tasks. Receivers that cannot keep up are dropped, never waited for.
 */
public final class OutputFanOut {
    private final IoContext context;
    private final ContainerLog log;
    private final List<OutputReceiver> receivers = new ArrayList<>();
    private final AtomicLong droppedReceivers = new AtomicLong();
    private final AtomicInteger receiverCount = new AtomicInteger();
    private final AtomicLongArray bytes = new AtomicLongArray(StreamType.values().length);
    private final AtomicLongArray lines;

    /** @param countLines whether to count output lines (a pass over every byte; only for the metrics endpoint) */
    public OutputFanOut(IoContext context, ContainerLog log, boolean countLines) {
        this.context = context;
        this.log = log;
        this.lines = countLines ? new AtomicLongArray(StreamType.values().length) : null;
    }

    /** Hands one read chunk over; done runs (on the context) once the log and the clients have it. */
    public void submit(StreamType stream, ByteBuffer chunk, Runnable done) {
        context.run(() -> {
            try {
                deliver(stream, chunk);
            } finally {
                done.run();
            }
        });
    }

    private void deliver(StreamType stream, ByteBuffer chunk) {
        log.write(stream, chunk);
        bytes.addAndGet(stream.ordinal(), chunk.remaining());
        if (lines != null) {
            lines.addAndGet(stream.ordinal(), newlines(chunk));
        }
        if (receivers.isEmpty()) {
            return;
        }
        for (byte[] frame : AttachFrame.split(stream, chunk)) {
            if (receivers.isEmpty()) {
                break;
            }
            offerToAll(frame);
        }
    }

    private static int newlines(ByteBuffer chunk) {
        int count = 0;
        for (int i = chunk.position(); i < chunk.limit(); i++) {
            if (chunk.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private void offerToAll(byte[] frame) {
        for (int i = receivers.size() - 1; i >= 0; i--) {
            OutputReceiver receiver = receivers.get(i);
            if (!receiver.offer(frame)) {
                receivers.remove(i);
                receiverCount.set(receivers.size());
                droppedReceivers.incrementAndGet();
                Diagnostics.warn("Attach client too slow, dropping it");
                receiver.drop();
            }
        }
    }

    public void addReceiver(OutputReceiver receiver) {
        context.run(() -> {
            receivers.add(receiver);
            receiverCount.set(receivers.size());
        });
    }

    public void removeReceiver(OutputReceiver receiver) {
        context.run(() -> {
            receivers.remove(receiver);
            receiverCount.set(receivers.size());
        });
    }

    /** Reopens the log between two chunks (ctl type 2, spec §9). */
    public void reopenLog() {
        context.run(log::reopen);
    }

    /** Returns once every chunk submitted so far is in the log and queued for the clients. */
    public void awaitDelivered() {
        context.barrier().join();
    }

    /** After every chunk submitted so far has been delivered: the receivers, removed from the fan-out. */
    public List<OutputReceiver> detachAll() {
        List<OutputReceiver> detached = new ArrayList<>();
        context.barrier().join();
        context.run(() -> {
            detached.addAll(receivers);
            receivers.clear();
            receiverCount.set(0);
        });
        context.barrier().join();
        return detached;
    }

    public long droppedReceivers() {
        return droppedReceivers.get();
    }

    /** Attach clients receiving output now. */
    public int receivers() {
        return receiverCount.get();
    }

    /** Bytes of the stream's output handed to the log so far. */
    public long bytes(StreamType stream) {
        return bytes.get(stream.ordinal());
    }

    /** Newlines in the stream's output so far (0 unless lines are counted). */
    public long lines(StreamType stream) {
        return lines == null ? 0 : lines.get(stream.ordinal());
    }
}
