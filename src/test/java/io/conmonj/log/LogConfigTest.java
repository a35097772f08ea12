package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conmonj.diag.FatalError;

class LogConfigTest {
    @Test
    void driversAndPaths() {
        assertEquals(new LogConfig("/a", false, false), LogConfig.parse(List.of("/a")));
        assertEquals(new LogConfig("/a", false, false), LogConfig.parse(List.of("k8s-file:/a:b")));
        assertEquals(new LogConfig("journald", false, false), LogConfig.parse(List.of(":journald")));
        assertEquals(new LogConfig(null, true, false), LogConfig.parse(List.of(":journald:x")));
        assertEquals(new LogConfig("/b", true, false), LogConfig.parse(List.of("k8s-file:/a", "journald:", "/b")));
        assertEquals(new LogConfig(null, false, true), LogConfig.parse(List.of("passthrough")));
        assertEquals(new LogConfig(null, false, false), LogConfig.parse(List.of("none", "off:", "null:x")));
        assertEquals(new LogConfig(null, true, false), LogConfig.parse(List.of("journald")));
    }

    @Test
    void errors() {
        assertEquals("[conmon:e]: log-path must not be empty", fail(""));
        assertEquals("[conmon:e]: log-path must not be empty", fail(":"));
        assertEquals("[conmon:e]: k8s-file requires a filename", fail("k8s-file"));
        assertEquals("[conmon:e]: k8s-file requires a filename", fail("k8s-file:"));
        assertEquals("[conmon:e]: No such log driver bogus", fail("bogus:x"));
        assertEquals("[conmon:e]: No such log driver /a", fail("/a:b"));
        assertEquals("[conmon:e]: No such log driver a", fail(":a:b"));
    }

    private static String fail(String value) {
        return assertThrows(FatalError.class, () -> LogConfig.parse(List.of(value))).line();
    }
}
