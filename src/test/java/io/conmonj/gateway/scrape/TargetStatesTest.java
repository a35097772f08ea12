package io.conmonj.gateway.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.conmonj.gateway.discovery.SocketDirectory.Target;

/** An exited container, or a socket nobody listens on, stays for the grace and is then left out. */
class TargetStatesTest {
    private static final long S = 1_000_000_000L;
    private final TargetStates states = new TargetStates(Duration.ofSeconds(10));
    private final Target a = new Target("a", Path.of("/run/c/a.sock"), "inode-1");

    @Test
    void anExitedContainerIsShownForTheGraceOnly() {
        assertTrue(states.seen(a, false, 0));
        assertTrue(states.seen(a, true, S));
        assertTrue(states.seen(a, true, 5 * S));
        assertEquals(List.of(a), states.active(List.of(a), 10 * S));
        assertFalse(states.seen(a, true, 12 * S));
        assertEquals(List.of(), states.active(List.of(a), 12 * S));
        Target replaced = new Target("a", a.socket(), "inode-2");
        assertEquals(List.of(replaced), states.active(List.of(replaced), 13 * S), "a new socket under the same name");
    }

    @Test
    void aRefusingSocketIsDroppedAfterTheGraceUntilItAnswers() {
        states.refused(a, 0);
        states.refused(a, 5 * S);
        assertEquals(List.of(a), states.active(List.of(a), 9 * S));
        assertEquals(List.of(), states.active(List.of(a), 11 * S));
    }
}
