package io.conmonj.gateway.scrape;

import java.time.Duration;

/**
 * How long one scrape of all monitors may take. Prometheus says how long it waits in
 * {@code X-Prometheus-Scrape-Timeout-Seconds}; the gateway keeps a margin for merging and sending, so its
 * answer arrives in time even when monitors hang. Without the header the configured default applies; the
 * result is never above the configured maximum nor below a floor that still lets a healthy monitor answer.
 */
public record ScrapeBudget(Duration fallback, Duration margin, Duration maximum) {
    public static final String HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    static final Duration FLOOR = Duration.ofMillis(100);

    /** The header's value is not a number of seconds. */
    public static final class BadHeaderException extends Exception {
        public BadHeaderException(String value) {
            super("bad " + HEADER + ": \"" + value + "\" (expected seconds, e.g. 10 or 9.5)");
        }
    }

    /** The whole scrape's budget for a request with this header value (null when absent). */
    public Duration forHeader(String header) throws BadHeaderException {
        Duration budget;
        if (header == null || header.isBlank()) {
            budget = fallback;
        } else {
            double seconds;
            try {
                seconds = Double.parseDouble(header.strip());
            } catch (NumberFormatException e) {
                throw new BadHeaderException(header);
            }
            if (!(seconds > 0) || Double.isInfinite(seconds) || header.strip().matches(".*[dDfFxX].*")) {
                throw new BadHeaderException(header);
            }
            budget = Duration.ofNanos((long) (seconds * 1e9)).minus(margin);
        }
        if (budget.compareTo(maximum) > 0) {
            budget = maximum;
        }
        return budget.compareTo(FLOOR) < 0 ? FLOOR : budget;
    }

    /** One monitor's timeout: its own limit, or less when the scrape's budget ends sooner. */
    public static Duration perTarget(Duration targetTimeout, long deadlineNanos, long nowNanos) {
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - nowNanos));
        return left.compareTo(targetTimeout) < 0 ? left : targetTimeout;
    }
}
