package io.conmonj.gateway.scrape;

import io.conmonj.gateway.discovery.SocketDirectory.Target;

/**
 * What one monitor answered within a scrape: its body (status 200, or another accepted status), or why
 * it is left out of this scrape.
 *
 * @param status the HTTP status, 0 when there was no answer
 * @param failure null when body holds the answer
 */
public record Fetch(Target target, int status, String body, Failure failure, String detail, long nanos) {
    /** Why a monitor is left out; the names are the {@code reason} label of the gateway's error counter. */
    public enum Failure {
        /** the socket file is there but nothing listens (a monitor that died without removing it) */
        REFUSED("refused"),
        /** the socket file went away (the monitor exited) */
        VANISHED("vanished"),
        /** no complete answer within the per-monitor timeout or the scrape's budget */
        TIMEOUT("timeout"),
        /** not started: the scrape's budget was spent before its turn */
        BUDGET("budget"),
        /** an answer that is not HTTP, or not the exposition format */
        GARBAGE("garbage"),
        /** an HTTP status other than the one expected */
        STATUS("http_status"),
        /** a body larger than the gateway accepts */
        TOO_LARGE("too_large"),
        /** another transport error (reset, closed early) */
        ERROR("error");

        private final String label;

        Failure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean ok() {
        return failure == null;
    }

    public double seconds() {
        return nanos / 1e9;
    }
}
