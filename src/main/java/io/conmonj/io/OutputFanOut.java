package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.diag.Diagnostics;
import io.conmonj.log.ContainerLog;
import io.conmonj.stream.AttachFrame;
import io.conmonj.stream.OutputReceiver;
import io.conmonj.stream.StreamType;

/**
 * Where every read of container output goes, in conmon's order: the log first, then every attach
 * client as messages of at most 8192 bytes. Called on the event loop only. A client that reads slower
 * than the container writes holds the output back ({@link #holdOutput()}), as conmon's blocking writes
 * do, so it misses nothing; one that stops reading for {@link #STALL_NANOS} while behind, or falls a
 * whole queue behind, is dropped and counted, so it can never stop the container for good. The
 * counters are read by the metrics endpoint from its own thread.
 */
public final class OutputFanOut {
    /** A receiver this far behind holds the container's output until it catches up. */
    static final long HOLD_BYTES = 1L << 20;
    /** How long a receiver that is behind may take nothing before it is dropped. */
    static final long STALL_NANOS = 2_000_000_000L;

    private final ContainerLog log;
    private final List<OutputReceiver> receivers = new ArrayList<>();
    private final OutputCounters counters;

    public OutputFanOut(ContainerLog log, OutputCounters counters) {
        this.log = log;
        this.counters = counters;
    }

    /** One read of the stream; its position and limit are left as they are. */
    public void deliver(StreamType stream, ByteBuffer chunk) {
        log.write(stream, chunk);
        counters.logged(stream, chunk);
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

    private void offerToAll(byte[] frame) {
        for (int i = receivers.size() - 1; i >= 0; i--) {
            if (!receivers.get(i).offer(frame)) {
                drop(i, "Attach client too slow, dropping it");
            }
        }
    }

    /**
     * Whether reading the container's output should wait: some receiver is more than
     * {@link #HOLD_BYTES} behind and still taking output. Receivers stalled for {@link #STALL_NANOS}
     * are dropped here instead.
     */
    public boolean holdOutput() {
        boolean hold = false;
        long now = System.nanoTime();
        for (int i = receivers.size() - 1; i >= 0; i--) {
            OutputReceiver receiver = receivers.get(i);
            if (receiver.backlog() <= HOLD_BYTES) {
                continue;
            }
            if (now - receiver.lastProgress() > STALL_NANOS) {
                drop(i, "Attach client stopped reading, dropping it");
            } else {
                hold = true;
            }
        }
        return hold;
    }

    private void drop(int index, String why) {
        OutputReceiver receiver = receivers.remove(index);
        counters.receiverDropped(receivers.size());
        Diagnostics.warn(why);
        receiver.drop();
    }

    public void addReceiver(OutputReceiver receiver) {
        receivers.add(receiver);
        counters.receivers(receivers.size());
    }

    public void removeReceiver(OutputReceiver receiver) {
        if (receivers.remove(receiver)) {
            counters.receivers(receivers.size());
        }
    }

    /** Reopens the log between two reads (ctl message 2). */
    public void reopenLog() {
        log.reopen();
    }

    public OutputCounters counters() {
        return counters;
    }
}
