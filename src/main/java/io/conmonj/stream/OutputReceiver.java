package io.conmonj.stream;

/** Someone who gets the container's output after the log has it: an attach client. */
public interface OutputReceiver {
    /**
     * Queues one attach message (stream byte + data) without blocking. Returns false when the
     * receiver is too far behind to take it; it is then dropped.
     */
    boolean offer(byte[] frame);

    /** The receiver was dropped for being too slow: it disconnects. */
    void drop();

    /** Bytes queued for the receiver and not yet taken. */
    long backlog();

    /** When (System.nanoTime()) the receiver last took queued output, or its backlog began. */
    long lastProgress();
}
