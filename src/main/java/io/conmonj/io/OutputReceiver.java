package io.conmonj.io;

/** Someone who gets the container's output after the log has it: an attach client. */
public interface OutputReceiver {
    /**
     * Queues one attach message (stream byte + data) without blocking. Returns false when the
     * receiver is too far behind to take it; it is then dropped.
     */
    boolean offer(byte[] frame);

    /** Called on the owning context when the receiver is dropped for being too slow. */
    void drop();

    /** At container exit: delivers what is queued (waiting at most until the deadline), then disconnects. */
    void finish(long deadlineNanos);
}
