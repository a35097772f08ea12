package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void waitStatuses() {
        assertEquals(new ExitStatus(0, 0), ExitStatus.fromWaitStatus(0));
        assertEquals(new ExitStatus(7, 0), ExitStatus.fromWaitStatus(7 << 8));
        assertEquals(new ExitStatus(137, 9), ExitStatus.fromWaitStatus(9));
        assertEquals(new ExitStatus(143, 15), ExitStatus.fromWaitStatus(15 | 0x80));
        assertEquals(new ExitStatus(-1, 0), ExitStatus.fromWaitStatus(0x137f));
    }
}
