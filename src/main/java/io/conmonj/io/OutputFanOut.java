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
 * client as messages of at most 8192 bytes. Called on the event loop only; receivers that cannot keep
 * up are dropped, never waited for. The counters are read by the metrics endpoint from its own thread.
 */
public final class OutputFanOut {
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
            OutputReceiver receiver = receivers.get(i);
            if (!receiver.offer(frame)) {
                receivers.remove(i);
                counters.receiverDropped(receivers.size());
                Diagnostics.warn("Attach client too slow, dropping it");
                receiver.drop();
            }
        }
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
