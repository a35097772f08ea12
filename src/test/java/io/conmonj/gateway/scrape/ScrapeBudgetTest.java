package io.conmonj.gateway.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole scrape's budget from Prometheus's header, and each monitor's share of it. */
class ScrapeBudgetTest {
    private final ScrapeBudget budget = new ScrapeBudget(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void prometheusTimeoutLessTheMarginCappedByTheMaximum() throws Exception {
        assertEquals(Duration.ofMillis(9500), budget.forHeader("10"));
        assertEquals(Duration.ofMillis(2000), budget.forHeader("2.5"));
        assertEquals(Duration.ofSeconds(10), budget.forHeader("120"), "never more than the configured maximum");
        assertEquals(Duration.ofSeconds(10), budget.forHeader(null), "no header: the default");
        assertEquals(ScrapeBudget.FLOOR, budget.forHeader("0.3"), "a floor when the margin eats it all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "NaN", "Infinity", "1d", "0x10", "1e400"})
    void aBadHeaderIsTheClientsError(String header) {
        assertThrows(ScrapeBudget.BadHeaderException.class, () -> budget.forHeader(header));
    }

    @Test
    void eachMonitorGetsItsTimeoutOrWhatIsLeft() {
        long now = 1_000_000_000L;
        assertEquals(Duration.ofSeconds(2), ScrapeBudget.perTarget(Duration.ofSeconds(2), now + 5_000_000_000L, now));
        assertEquals(Duration.ofMillis(300), ScrapeBudget.perTarget(Duration.ofSeconds(2), now + 300_000_000L, now));
        assertEquals(Duration.ZERO, ScrapeBudget.perTarget(Duration.ofSeconds(2), now - 1, now));
    }
}
