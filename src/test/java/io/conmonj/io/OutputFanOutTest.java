package io.conmonj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.conmonj.stream.OutputReceiver;
import io.conmonj.testing.MemoryLog;

/** When attach clients hold the container's output back, and when one is dropped instead. */
class OutputFanOutTest {
    /** A receiver whose backlog and last progress the test sets. */
    private static final class Receiver implements OutputReceiver {
        long backlog;
        long lastProgress = System.nanoTime();
        boolean dropped;

        @Override
        public boolean offer(byte[] frame) {
            return true;
        }

        @Override
        public void drop() {
            dropped = true;
        }

        @Override
        public long backlog() {
            return backlog;
        }

        @Override
        public long lastProgress() {
            return lastProgress;
        }
    }

    private final OutputFanOut fanOut = new OutputFanOut(new MemoryLog(), new OutputCounters(false));

    @Test
    void aClientThatIsBehindButReadingHoldsTheOutput() {
        Receiver keepingUp = new Receiver();
        Receiver behind = new Receiver();
        fanOut.addReceiver(keepingUp);
        fanOut.addReceiver(behind);
        assertFalse(fanOut.holdOutput());
        behind.backlog = OutputFanOut.HOLD_BYTES + 1;
        assertTrue(fanOut.holdOutput());
        behind.backlog = OutputFanOut.HOLD_BYTES;
        assertFalse(fanOut.holdOutput(), "caught up");
        assertFalse(behind.dropped);
    }

    @Test
    void aClientThatStoppedReadingWhileBehindIsDroppedAndReleasesTheOutput() {
        Receiver stuck = new Receiver();
        fanOut.addReceiver(stuck);
        stuck.backlog = OutputFanOut.HOLD_BYTES + 1;
        stuck.lastProgress = System.nanoTime() - OutputFanOut.STALL_NANOS - 1;
        assertFalse(fanOut.holdOutput());
        assertTrue(stuck.dropped);
        assertEquals(1, fanOut.counters().droppedReceivers());
        assertFalse(fanOut.holdOutput(), "gone from the receivers");
    }
}
