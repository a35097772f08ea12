package io.conmonj.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NotifyFilterTest {
    private static String filter(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        byte[] kept = NotifyFilter.filter(bytes, bytes.length);
        return kept == null ? null : new String(kept, StandardCharsets.UTF_8);
    }

    @Test
    void keepsStateAndStatusLinesOnly() {
        assertEquals("READY=1\nSTATUS=serving\nWATCHDOG=trigger", filter(
                "READY=1\nMAINPID=42\nSTATUS=serving\r\nFDSTORE=1\nWATCHDOG=trigger\n"));
        assertEquals("ERRNO=2\nBUSERROR=x\nMONOTONIC_USEC=5\nRELOADING=1\nSTOPPING=1\nWATCHDOG=1",
                filter("ERRNO=2\nBUSERROR=x\nMONOTONIC_USEC=5\nRELOADING=1\nSTOPPING=1\nWATCHDOG=1"));
    }

    @Test
    void nothingKeptMeansNothingSent() {
        assertNull(filter("MAINPID=1\nREADY=2\nREADY=1 \n"));
    }
}
